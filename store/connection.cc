// Opening the database file. First what the file holds is checked (empty, nianbao, or another
// program's tables: refused before anything is written). Writers then get WAL (the switch retried
// while another process holds the lock), NORMAL synchronous, foreign keys, every pending migration,
// and turns (a waiting writer is let in between another's transactions). Readers open
// SQLITE_OPEN_READONLY and change nothing.
#include "store/connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "store/schema.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// SQLite's default: a commit that leaves the WAL this long checkpoints it (the hook below replaces
// the default one, so it does the same).
constexpr int kAutoCheckpointFrames = 1000;

// The directory fd this thread holds a shared flock on while one of its calls waits for a lock.
thread_local int announced_fd = -1;

}  // namespace

struct Connection::WriterTurns {
  // flock on the database's directory, not the file: closing another descriptor of the database
  // file would drop SQLite's own POSIX locks on it. (Writers of two databases in one directory
  // only make each other pause a little more.) -1 when it cannot be opened: plain busy waiting.
  int directory_fd = -1;
  Clock::time_point waiting_since;

  explicit WriterTurns(const std::string& path) {
    std::string directory = std::filesystem::absolute(path).parent_path().string();
    directory_fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory_fd >= 0 && !flock_works()) {
      close(directory_fd);
      directory_fd = -1;
    }
  }
  ~WriterTurns() {
    if (announced_fd == directory_fd) end_wait_announcement();
    if (directory_fd >= 0) close(directory_fd);
  }
  WriterTurns(const WriterTurns&) = delete;
  WriterTurns& operator=(const WriterTurns&) = delete;

 private:
  // Some file systems (NFS) refuse flock on a directory: then no turns, rather than a pause per commit.
  bool flock_works() const {
    if (flock(directory_fd, LOCK_SH | LOCK_NB) != 0) return errno == EWOULDBLOCK;
    flock(directory_fd, LOCK_UN);
    return true;
  }
};

void end_wait_announcement() {
  if (announced_fd < 0) return;
  flock(announced_fd, LOCK_UN);
  announced_fd = -1;
}

namespace {

// ---- writers taking turns ----

// The busy handler of writers: announce, then poll often (a turn is handed over in milliseconds)
// until the busy timeout.
int wait_for_lock(void* context, int attempt) {
  auto* turns = static_cast<Connection::WriterTurns*>(context);
  Clock::time_point now = Clock::now();
  if (attempt == 0) turns->waiting_since = now;
  if (now - turns->waiting_since >= kBusyTimeout) return 0;
  if (announced_fd < 0 && turns->directory_fd >= 0 && flock(turns->directory_fd, LOCK_SH | LOCK_NB) == 0) {
    announced_fd = turns->directory_fd;
  }
  std::this_thread::sleep_for(milliseconds(attempt < 20 ? 1 : 5));
  return 1;
}

// After a commit: while another writer announces that it waits, pause (up to kTurnPause) so that
// it takes the lock before this connection's next transaction.
void let_waiters_in(const Connection::WriterTurns& turns) {
  if (turns.directory_fd < 0) return;
  if (announced_fd == turns.directory_fd) end_wait_announcement();
  Clock::time_point deadline = Clock::now() + kTurnPause;
  while (flock(turns.directory_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK || Clock::now() >= deadline) return;
    std::this_thread::sleep_for(milliseconds(1));
  }
  flock(turns.directory_fd, LOCK_UN);
}

int after_commit(void* context, sqlite3* db, const char* schema, int frames) {
  let_waiters_in(*static_cast<Connection::WriterTurns*>(context));
  if (frames >= kAutoCheckpointFrames) sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return SQLITE_OK;
}

void take_turns(sqlite3* db, Connection::WriterTurns& turns) {
  sqlite3_busy_handler(db, wait_for_lock, &turns);
  sqlite3_wal_hook(db, after_commit, &turns);
}

// ---- opening the handle ----

// NOMUTEX: a connection is used by one thread at a time (the crawl gives its delivery thread a
// connection of its own), so SQLite's per-call locking is pure cost.
sqlite3* open_handle(const std::string& path, const std::string& filename, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(filename.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError(path + ": cannot open the database: " + reason);
  }
  sqlite3_busy_timeout(db, static_cast<int>(kBusyTimeout.count()));
  sqlite3_extended_result_codes(db, 1);
  return db;
}

void require_existing_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw StoreError(path + ": no such database file");
}

// ---- what the file holds ----

struct FileContents {
  int version = 0;                  // PRAGMA user_version
  int schema_objects = 0;           // tables, indexes, views, triggers
  std::vector<std::string> tables;  // user tables, by name
};

FileContents read_snapshot(sqlite3* db) {
  FileContents contents;
  contents.version = read_schema_version(db);
  Statement objects(db, "SELECT count(*) FROM sqlite_schema", "reading the schema");
  objects.step();
  contents.schema_objects = objects.column_int(0);
  Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
                   "listing the tables");
  while (tables.step()) contents.tables.push_back(tables.column_text(0));
  return contents;
}

// In one read transaction: another process may commit the first migration (tables and version
// together) between two reads.
FileContents read_contents(sqlite3* db) {
  execute(db, "BEGIN", "reading what the file holds");
  try {
    FileContents contents = read_snapshot(db);
    execute(db, "COMMIT", "reading what the file holds");
    return contents;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

bool has_table(const FileContents& contents, const std::string& name) {
  return std::find(contents.tables.begin(), contents.tables.end(), name) != contents.tables.end();
}

bool is_empty(const FileContents& contents) { return contents.schema_objects == 0; }

// Every nianbao schema since version 1 (release 0.1 files are at 2) has these two tables.
bool is_nianbao(const FileContents& contents) {
  return contents.version >= 1 && has_table(contents, "documents") && has_table(contents, "reports");
}

std::string table_names(const std::vector<std::string>& tables) {
  constexpr size_t kShown = 5;
  std::string text;
  for (size_t index = 0; index < tables.size() && index < kShown; ++index) text += (index ? ", " : "") + tables[index];
  if (tables.size() > kShown) text += ", …";
  return text;
}

// Another program's SQLite file: adding nianbao's tables to it (and switching it to WAL) would
// damage it, so it is refused before anything is written.
void refuse_foreign_file(const std::string& path, const FileContents& contents) {
  if (is_empty(contents) || is_nianbao(contents)) return;
  std::string found = contents.tables.empty()
                          ? std::to_string(contents.schema_objects) + " schema objects but no table"
                          : std::to_string(contents.tables.size()) + (contents.tables.size() == 1 ? " table" : " tables") +
                                " (" + table_names(contents.tables) + ")";
  throw StoreError(path + ": not a nianbao database: it holds " + found + " and schema version (user_version) " +
                   std::to_string(contents.version) +
                   " but no nianbao documents/reports tables; refused and left unchanged (use a nianbao "
                   "database, a new file name or an empty file)");
}

// A reader cannot migrate, so it reads only a file at this program's schema version.
void require_readable_version(const std::string& path, const FileContents& contents) {
  refuse_foreign_file(path, contents);
  int latest = latest_schema_version();
  if (is_empty(contents)) {
    throw StoreError(path + ": empty database, nothing stored yet (`nianbao ingest` or `nianbao crawl` fills it)");
  }
  if (contents.version > latest) {
    throw StoreError(path + ": schema version " + std::to_string(contents.version) +
                     " is newer than this nianbao supports (" + std::to_string(latest) + ")");
  }
  if (contents.version < latest) {
    throw StoreError(path + ": schema version " + std::to_string(contents.version) + " is older than this nianbao's (" +
                     std::to_string(latest) +
                     ") and a read-only command does not upgrade a file: run a write command on it first "
                     "(e.g. `nianbao ingest`, `crawl`, `reextract` or `agencies import` with this --db), as a user "
                     "who may write it; that upgrades it in place and keeps every row");
  }
}

// ---- readers ----

// Reads the schema, which is what fails when a WAL-mode file's -shm cannot be created.
int probe(sqlite3* db) {
  int result = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  end_wait_announcement();
  return result;
}

// Bytes 18-19 of the header are 2 in a WAL-mode database file.
bool is_wal_mode_file(const std::string& path) {
  std::array<char, 20> header{};
  std::ifstream file(path, std::ios::binary);
  file.read(header.data(), header.size());
  return file && header[18] == 2 && header[19] == 2;
}

std::string uri_escaped(const std::string& path) {
  std::string absolute = std::filesystem::absolute(path).string();
  std::string escaped = "file:";
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : absolute) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      escaped += static_cast<char>(c);
    } else {
      escaped += '%';
      escaped += hex[c >> 4];
      escaped += hex[c & 15];
    }
  }
  return escaped;
}

// SQLite reads a WAL-mode file read-only when its -shm and -wal files exist or can be created.
// When neither holds (a 0555 directory, a read-only mount) and there is no -wal file, the main file
// holds every committed transaction and no connection has it open in WAL mode, so it is read as
// immutable. (A writer would have to create the -wal file in that directory, which this user
// cannot; the file's owner could, and a transaction it commits during the read might not be seen
// consistently: read commands are short, and the usual case, a writer already at work, has a -wal
// file and takes the ordinary, locked path above.)
bool may_read_immutable(const std::string& path, int probe_result) {
  int primary = probe_result & 0xff;
  return (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN) && is_wal_mode_file(path) &&
         !std::filesystem::exists(path + "-wal");
}

// A -wal file may hold committed transactions, so it cannot be skipped; SQLite needs the -shm file.
std::string wal_hint(const std::string& path, int probe_result) {
  if ((probe_result & 0xff) != SQLITE_READONLY && (probe_result & 0xff) != SQLITE_CANTOPEN) return "";
  if (!std::filesystem::exists(path + "-wal") || std::filesystem::exists(path + "-shm")) return "";
  return " (its -wal file exists but its -shm file cannot be created in that directory: let the file's owner run "
         "a write command on it, which removes both, or copy the database file with its -wal file elsewhere)";
}

sqlite3* open_immutable(const std::string& path) {
  sqlite3* db = open_handle(path, uri_escaped(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (probe(db) == SQLITE_OK) return db;
  std::string reason = sqlite3_errmsg(db);
  sqlite3_close(db);
  throw StoreError(path + ": cannot read the database (directory not writable, read as immutable): " + reason);
}

sqlite3* open_read_only(const std::string& path) {
  require_existing_file(path);
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    sqlite3* db = open_handle(path, path, SQLITE_OPEN_READONLY);
    int result = probe(db);
    if (result == SQLITE_OK) return db;
    std::string reason = sqlite3_errmsg(db);
    sqlite3_close(db);
    if (!may_read_immutable(path, result)) {
      throw StoreError(path + ": cannot read the database: " + reason + wal_hint(path, result));
    }
    db = open_immutable(path);
    if (!std::filesystem::exists(path + "-wal")) return db;
    // A writer started meanwhile: its -shm file now lets the ordinary path read under SQLite's locks.
    sqlite3_close(db);
    if (attempt == kAttempts) throw StoreError(path + ": cannot read the database: a writer keeps starting and stopping");
  }
}

// ---- writers ----

bool is_busy(int result) {
  int primary = result & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// One attempt; the resulting journal mode in `mode` when it returns SQLITE_OK.
int try_wal(sqlite3* db, std::string& mode) {
  sqlite3_stmt* statement = nullptr;
  int result = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &statement, nullptr);
  if (result == SQLITE_OK) {
    result = sqlite3_step(statement);
    end_wait_announcement();
    if (result == SQLITE_ROW) {
      mode = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      result = SQLITE_OK;
    }
  }
  sqlite3_finalize(statement);
  return result;
}

// The switch needs the exclusive lock, and SQLite does not always wait for it through the busy
// handler: it fails with "database is locked" (two first opens of a new file did, 12 times in 20)
// or answers the old mode while another connection has the file open. Both are retried, the
// first until the busy timeout, the second (which a file system without WAL support would answer
// for ever) for kModeRetry.
constexpr milliseconds kModeRetry{30000};

void switch_to_wal(sqlite3* db) {
  Clock::time_point started = Clock::now();
  std::string mode;
  int result = try_wal(db, mode);
  auto retry = [&] {
    milliseconds limit = is_busy(result) ? kBusyTimeout : kModeRetry;
    return (is_busy(result) || (result == SQLITE_OK && mode != "wal")) && Clock::now() - started < limit;
  };
  while (retry()) {
    std::this_thread::sleep_for(milliseconds(10));
    result = try_wal(db, mode);
  }
  if (result != SQLITE_OK) throw_sqlite_error(db, "switching to WAL mode");
  if (mode != "wal") throw StoreError(database_file(db) + ": switching to WAL mode: journal mode stayed " + mode);
}

void configure_writer(sqlite3* db) {
  // Takes effect only on a file that has no page yet (a new database): 16 KiB pages write a bulk
  // ingest in a quarter of the system calls of the 4 KiB default. Existing files keep theirs.
  execute(db, "PRAGMA page_size = 16384", "setting the page size");
  execute(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
  switch_to_wal(db);
  execute(db, "PRAGMA synchronous = NORMAL", "setting synchronous = NORMAL");
  // Bulk ingest touches the cells indexes all over a large file: a 64 MiB page cache (default
  // 2 MiB) keeps them in memory instead of re-reading pages from the WAL.
  execute(db, "PRAGMA cache_size = -65536", "setting the page cache size");
  // Each step runs in BEGIN IMMEDIATE and re-reads the version under the write lock, so two
  // processes opening a new file together apply each step once.
  migrate(db);
}

// SQLite opens a file the user may not write read-only without saying so, and fails at the first
// read when a WAL file's -shm cannot be created: either way a writer cannot work.
void require_writable(const std::string& path, sqlite3* db) {
  int result = sqlite3_db_readonly(db, "main") == 1 ? SQLITE_READONLY : probe(db);
  if ((result & 0xff) != SQLITE_READONLY) return;  // other failures are reported by the reads that follow
  throw StoreError(path + ": cannot write the database: the file, its directory or its mount is read-only for this "
                   "user (read commands such as `nianbao reports` still work)");
}

sqlite3* open_writer(const std::string& path, OpenMode mode, Connection::WriterTurns& turns) {
  if (mode != OpenMode::create) require_existing_file(path);
  int flags = SQLITE_OPEN_READWRITE | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* db = open_handle(path, path, flags);
  take_turns(db, turns);
  try {
    require_writable(path, db);
    refuse_foreign_file(path, read_contents(db));
    configure_writer(db);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

sqlite3* open_reader(const std::string& path) {
  sqlite3* db = open_read_only(path);
  try {
    require_readable_version(path, read_contents(db));
    // A read command needs no foreign-key enforcement; the cache helps `show` and `export`.
    execute(db, "PRAGMA cache_size = -65536", "setting the page cache size");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

}  // namespace

Connection::Connection(const std::string& path, OpenMode mode)
    : path_(path),
      read_only_(mode == OpenMode::read_only),
      turns_(read_only_ ? nullptr : std::make_unique<WriterTurns>(path)),
      db_(read_only_ ? open_reader(path) : open_writer(path, mode, *turns_)) {}

Connection::~Connection() { sqlite3_close(db_); }

}  // namespace nianbao::store
