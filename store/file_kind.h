// What a database file holds, read before anything is written to it: nothing yet, a nianbao
// database at some schema version, or another program's tables (refused, left untouched).
#pragma once

#include "store/session.h"

#include <string>
#include <vector>

namespace nianbao::store {

struct FileContents {
  int version = 0;                  // PRAGMA user_version
  int schema_objects = 0;           // tables, indexes, views, triggers
  std::vector<std::string> tables;  // user tables, by name
};

// Read in one read transaction: another process may commit the first migration (tables and
// version together) between two reads. Throws StoreError naming the file.
FileContents read_contents(Session& db);

// Another program's SQLite file: adding nianbao's tables to it (and switching it to WAL) would
// damage it, so it is refused (StoreError naming `path`, its tables and version). Empty files and
// nianbao files pass.
void refuse_foreign_file(const std::string& path, const FileContents& contents);

// A reader cannot migrate, so it reads only a nianbao file at this program's schema version:
// otherwise StoreError naming `path` and saying what to run.
void require_readable_version(const std::string& path, const FileContents& contents);

}  // namespace nianbao::store
