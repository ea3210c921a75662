// Read-only opening: the ordinary read under SQLite's locks, and the immutable read of a WAL-mode
// file whose -shm file cannot be created (a 0555 directory, a read-only mount) while no writer is.
#include "store/read_only_open.h"

#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "store/open_handle.h"
#include "store/store_error.h"

namespace nianbao::store {
namespace {

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
// file and takes the ordinary, locked path.)
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

}  // namespace

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

}  // namespace nianbao::store
