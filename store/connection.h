// One connection to the nianbao SQLite file: opened (or created), configured (busy timeout,
// foreign keys, WAL, synchronous=NORMAL) and migrated to the latest schema. The only way in.
#pragma once

#include <string>

#include "store/store_error.h"

struct sqlite3;

namespace nianbao::store {

// Whether opening may create a missing file (`ingest`, `crawl`), must find one (`correct`), or
// must find one and only read it (`reports`, `show`, `export`, `compare`, `audit`: no journal-mode
// change, no migration, works on files and mounts the user cannot write).
enum class OpenMode { create, existing, read_only };

class Connection {
 public:
  // Throws StoreError naming the file when it cannot be opened, configured or migrated.
  Connection(const std::string& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace nianbao::store
