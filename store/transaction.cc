// The write-transaction guard. The write lock is taken up front, so a concurrent writer waits at
// BEGIN (SQLite: the busy timeout) rather than failing half-way through a document.
#include "store/transaction.h"

#include "store/statement.h"

namespace nianbao::store {

Transaction::Transaction(Session& db, std::string purpose) : db_(&db), purpose_(std::move(purpose)) {
  db_->begin_write(purpose_);
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) db_->execute_quietly("ROLLBACK");
}

void Transaction::commit() {
  execute(*db_, "COMMIT", "committing " + purpose_);
  open_ = false;
}

}  // namespace nianbao::store
