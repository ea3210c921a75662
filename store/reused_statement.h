// A statement prepared once and kept for a connection's life, reset around each use: for the
// crawl's per-exchange statements, which would otherwise be prepared (a round trip) every time.
#pragma once

#include <memory>

#include "store/statement.h"

namespace nianbao::store {

// A kept statement for one use: prepared into `slot` at the first use, reset (bindings cleared)
// before the use and after it, so a kept SELECT holds no read snapshot between uses.
class Reused {
 public:
  Reused(std::unique_ptr<Statement>& slot, Session& db, const char* sql, const char* action) {
    if (!slot) slot = std::make_unique<Statement>(db, sql, action);
    statement_ = slot.get();
    statement_->reset();
  }
  ~Reused() { statement_->reset(); }
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_ = nullptr;
};

}  // namespace nianbao::store
