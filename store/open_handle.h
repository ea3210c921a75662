// One SQLite handle on the database file, opened the way every connection opens it (one thread at
// a time, the busy timeout, extended result codes), and the first read that shows it is usable.
#pragma once

#include <sqlite3.h>

#include <string>

namespace nianbao::store {

// Opens `filename` (the path, or a file: URI for it) with `flags`; throws StoreError naming `path`.
sqlite3* open_handle(const std::string& path, const std::string& filename, int flags);

// Throws StoreError naming `path` when it is not a regular file (nothing is created).
void require_existing_file(const std::string& path);

// Reads the schema, which is what fails when a WAL-mode file's -shm cannot be created; the SQLite
// result code.
int probe(sqlite3* db);

}  // namespace nianbao::store
