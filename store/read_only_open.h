// Opening the database for a read command: SQLITE_OPEN_READONLY, nothing written, and a WAL-mode
// file in a directory this user cannot write read as immutable when no writer is at work.
#pragma once

#include <sqlite3.h>

#include <string>

namespace nianbao::store {

// A handle that has read the schema once. Throws StoreError naming `path` when the file is
// missing or cannot be read (with a hint when its -wal file exists but its -shm cannot be made).
sqlite3* open_read_only(const std::string& path);

}  // namespace nianbao::store
