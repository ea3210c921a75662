// Switching a writer's connection to WAL journal mode, retried while another connection holds
// the lock the switch needs.
#pragma once

#include <sqlite3.h>

namespace nianbao::store {

// Throws StoreError naming the file when the switch fails or the mode stays another one.
void switch_to_wal(sqlite3* db);

}  // namespace nianbao::store
