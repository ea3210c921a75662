// Opening the database file: a writer checks what the file holds (a foreign file is refused before
// anything is written), then gets WAL, NORMAL synchronous, foreign keys, every pending migration
// and turns; a reader opens read-only, checks the schema version and changes nothing.
#include "store/connection.h"

#include <sqlite3.h>

#include "store/file_kind.h"
#include "store/open_handle.h"
#include "store/read_only_open.h"
#include "store/postgres_session.h"
#include "store/schema.h"
#include "store/sqlite_session.h"
#include "store/statement.h"
#include "store/wal_mode.h"
#include "store/writer_turns.h"

namespace nianbao::store {
namespace {

void configure_writer(Session& db, sqlite3* handle) {
  // Takes effect only on a file that has no page yet (a new database): 16 KiB pages write a bulk
  // ingest in a quarter of the system calls of the 4 KiB default. Existing files keep theirs.
  execute(db, "PRAGMA page_size = 16384", "setting the page size");
  execute(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
  switch_to_wal(handle);
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

std::unique_ptr<Session> open_writer(const std::string& path, OpenMode mode, Connection::WriterTurns& turns) {
  if (mode != OpenMode::create) require_existing_file(path);
  int flags = SQLITE_OPEN_READWRITE | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* handle = open_handle(path, path, flags);
  auto session = std::make_unique<SqliteSession>(handle);  // closes the handle if what follows throws
  take_turns(handle, turns);
  require_writable(path, handle);
  refuse_foreign_file(path, read_contents(*session));
  configure_writer(*session, handle);
  return session;
}

std::unique_ptr<Session> open_reader(const std::string& path) {
  auto session = std::make_unique<SqliteSession>(open_read_only(path));
  require_readable_version(path, read_contents(*session));
  // A read command needs no foreign-key enforcement; the cache helps `show` and `export`.
  execute(*session, "PRAGMA cache_size = -65536", "setting the page cache size");
  return session;
}

// A PostgreSQL database: no file to check or turns to take (writers meet on an advisory lock);
// another program's tables are refused as in a file; a reader sets its transactions read-only.
std::unique_ptr<Session> open_postgres(const std::string& uri, OpenMode mode) {
  auto session = std::make_unique<PostgresSession>(uri);
  const std::string& name = session->name();
  FileContents contents = read_contents(*session);
  if (mode == OpenMode::read_only) {
    require_readable_version(name, contents);
    execute(*session, "SET default_transaction_read_only = on", "making the session read-only");
    return session;
  }
  if (mode == OpenMode::existing && contents.schema_objects == 0) {
    throw StoreError(name + ": no nianbao database there yet (`nianbao ingest` or `nianbao crawl` makes one)");
  }
  refuse_foreign_file(name, contents);
  migrate(*session);
  return session;
}

std::unique_ptr<Session> open_session(const std::string& path, OpenMode mode, Connection::WriterTurns* turns) {
  if (is_postgres_uri(path)) return open_postgres(path, mode);
  return mode == OpenMode::read_only ? open_reader(path) : open_writer(path, mode, *turns);
}

}  // namespace

Connection::Connection(const std::string& path, OpenMode mode)
    : path_(path),
      read_only_(mode == OpenMode::read_only),
      turns_(read_only_ || is_postgres_uri(path) ? nullptr : std::make_unique<WriterTurns>(path)),
      session_(open_session(path, mode, turns_.get())) {
  if (is_postgres_uri(path)) path_ = session_->name();  // the URI without its password
}

Connection::~Connection() = default;

}  // namespace nianbao::store
