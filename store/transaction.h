// RAII for one write transaction: BEGIN (SQLite: IMMEDIATE) on construction, COMMIT on commit(),
// ROLLBACK in the destructor when commit() was not reached (an exception left the scope).
#pragma once

#include <string>

#include "store/session.h"

namespace nianbao::store {

class Transaction {
 public:
  // `purpose` appears in error messages ("ingest of fixtures/a.txt").
  Transaction(Session& db, std::string purpose);
  ~Transaction();
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Session* db_;
  std::string purpose_;
  bool open_ = false;
};

}  // namespace nianbao::store
