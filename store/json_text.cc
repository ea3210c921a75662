// JSON array text for string lists: a minimal encoder (strings only) and a decoder that lets
// SQLite's JSON parser do the work, so both directions agree with what SQL queries see.
#include "store/json_text.h"

#include <cstdio>

namespace nianbao::store {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string to_json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_escaped(out, items[i]);
  }
  out += ']';
  return out;
}

JsonArrayReader::JsonArrayReader(Session& db)
    : statement_(db, "SELECT value FROM json_each(?1) ORDER BY key", "decoding a JSON list") {}

std::vector<std::string> JsonArrayReader::read(std::string_view json_array) {
  std::vector<std::string> items;
  statement_.bind(1, json_array);
  while (statement_.step()) items.push_back(statement_.column_text(0));
  statement_.reset();
  return items;
}

}  // namespace nianbao::store
