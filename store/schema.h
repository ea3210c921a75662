// The schema of the nianbao SQLite file as an ordered list of migrations. PRAGMA user_version
// holds the number of migrations applied; opening a file applies the missing ones, one step each.
#pragma once

#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

struct Migration {
  int version;            // user_version after this step
  std::string purpose;    // for error messages
  std::string sql;        // one script, run inside the step's transaction
};

// The SQLite steps; migrations_for gives the list of either backend (same versions and purposes).
const std::vector<Migration>& migrations();
const std::vector<Migration>& migrations_for(Dialect dialect);
int latest_schema_version();

int read_schema_version(Session& db);

// Applies every migration above the file's user_version up to `target_version`, each in its own
// transaction. Throws StoreError naming the file and the step; a failed step leaves the file at
// the previous version. A file newer than this program is refused.
void migrate(Session& db, int target_version = latest_schema_version());

}  // namespace nianbao::store
