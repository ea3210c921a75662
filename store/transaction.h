// RAII for one write transaction: BEGIN IMMEDIATE on construction, COMMIT on commit(), ROLLBACK
// in the destructor when commit() was not reached (an exception left the scope).
#pragma once

#include <string>

struct sqlite3;

namespace nianbao::store {

class Transaction {
 public:
  // `purpose` appears in error messages ("ingest of fixtures/a.txt").
  Transaction(sqlite3* db, std::string purpose);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  sqlite3* db_;
  std::string purpose_;
  bool open_ = false;
};

}  // namespace nianbao::store
