// Lists of strings (cell flags, a finding's cell keys) stored as JSON array text, so researchers
// can query them with SQLite's json_each(). Encoding is done here, decoding by SQLite itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/statement.h"

namespace nianbao::store {

// ["a","b"] with JSON string escaping (quotes, backslashes, control characters).
std::string to_json_array(const std::vector<std::string>& items);

// Decodes arrays written by to_json_array through SQLite's json_each, reusing one statement.
class JsonArrayReader {
 public:
  explicit JsonArrayReader(Session& db);
  std::vector<std::string> read(std::string_view json_array);

 private:
  Statement statement_;
};

}  // namespace nianbao::store
