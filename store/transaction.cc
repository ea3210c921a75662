// The write-transaction guard. IMMEDIATE takes the write lock up front, so a concurrent writer
// fails at BEGIN (after the busy timeout) rather than half-way through a document.
#include "store/transaction.h"

#include <sqlite3.h>

#include "store/statement.h"

namespace nianbao::store {

Transaction::Transaction(sqlite3* db, std::string purpose) : db_(db), purpose_(std::move(purpose)) {
  execute(db_, "BEGIN IMMEDIATE", "beginning the transaction for " + purpose_);
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  execute(db_, "COMMIT", "committing " + purpose_);
  open_ = false;
}

}  // namespace nianbao::store
