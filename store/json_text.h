// Lists of strings (cell flags, a finding's cell keys) stored as JSON array text (jsonb on
// PostgreSQL), so researchers can query them with json_each() / jsonb_array_elements_text().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/statement.h"

namespace nianbao::store {

// ["a","b"] with JSON string escaping (quotes, backslashes, control characters).
std::string to_json_array(const std::vector<std::string>& items);

// The strings of a JSON array holding only strings (what to_json_array writes, in either
// backend's spelling); nullopt for anything else (another value type, malformed text).
std::optional<std::vector<std::string>> parse_json_string_array(std::string_view json_array);

// Decodes stored arrays: in C++ when they hold only strings (no round trip to the server), else
// through the backend's own JSON functions (json_each / jsonb_array_elements_text), so both
// directions agree with what SQL queries see. The statement is prepared on first need.
class JsonArrayReader {
 public:
  explicit JsonArrayReader(Session& db) : db_(db) {}
  std::vector<std::string> read(std::string_view json_array);

 private:
  Session& db_;
  std::optional<Statement> statement_;
};

}  // namespace nianbao::store
