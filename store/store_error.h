// The one exception the store throws. Its message names the database file and what was being
// done (and, during an ingest, the document, report and key involved).
#pragma once

#include <stdexcept>

namespace nianbao::store {

// Every failure names the database file and what was being done.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nianbao::store
