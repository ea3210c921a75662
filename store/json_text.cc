// JSON array text for string lists: a minimal encoder and decoder (strings only), with the
// backend's JSON functions decoding any array that holds other values.
#include "store/json_text.h"

#include <cstdint>
#include <cstdio>

#include "common/text/utf8_append.h"

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

// Reads the four hex digits at `text[at]`; false when they are not hex.
bool read_hex4(std::string_view text, size_t at, uint32_t& code) {
  if (at + 4 > text.size()) return false;
  code = 0;
  for (size_t i = at; i < at + 4; ++i) {
    char c = text[i];
    uint32_t digit = c >= '0' && c <= '9'   ? static_cast<uint32_t>(c - '0')
                     : c >= 'a' && c <= 'f' ? static_cast<uint32_t>(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? static_cast<uint32_t>(c - 'A' + 10)
                                            : 16;
    if (digit == 16) return false;
    code = code * 16 + digit;
  }
  return true;
}

// The escape after the backslash at `text[at]`, appended to `out`; advances `at` past it.
bool read_escape(std::string_view text, size_t& at, std::string& out) {
  if (++at >= text.size()) return false;
  char kind = text[at++];
  switch (kind) {
    case '"': out += '"'; return true;
    case '\\': out += '\\'; return true;
    case '/': out += '/'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'u': break;
    default: return false;
  }
  uint32_t code = 0;
  if (!read_hex4(text, at, code)) return false;
  at += 4;
  if (code >= 0xD800 && code < 0xDC00 && at + 6 <= text.size() && text[at] == '\\' && text[at + 1] == 'u') {
    uint32_t low = 0;
    if (read_hex4(text, at + 2, low) && low >= 0xDC00 && low < 0xE000) {
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      at += 6;
    }
  }
  append_utf8(out, code);
  return true;
}

// The JSON string starting at the quote `text[at]`; advances `at` past its closing quote.
bool read_string(std::string_view text, size_t& at, std::string& out) {
  ++at;
  while (at < text.size()) {
    char c = text[at];
    if (c == '"') {
      ++at;
      return true;
    }
    if (c == '\\') {
      if (!read_escape(text, at, out)) return false;
    } else {
      out += c;
      ++at;
    }
  }
  return false;
}

void skip_space(std::string_view text, size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r')) ++at;
}

const char* decode_sql(Dialect dialect) {
  return dialect == Dialect::postgresql
             ? "SELECT value FROM jsonb_array_elements_text(CAST(?1 AS jsonb)) WITH ORDINALITY AS j(value, n) "
               "ORDER BY n"
             : "SELECT value FROM json_each(?1) ORDER BY key";
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

std::optional<std::vector<std::string>> parse_json_string_array(std::string_view json_array) {
  std::vector<std::string> items;
  size_t at = 0;
  skip_space(json_array, at);
  if (at >= json_array.size() || json_array[at++] != '[') return std::nullopt;
  skip_space(json_array, at);
  if (at < json_array.size() && json_array[at] == ']') {
    ++at;
  } else {
    while (true) {
      if (at >= json_array.size() || json_array[at] != '"') return std::nullopt;
      std::string item;
      if (!read_string(json_array, at, item)) return std::nullopt;
      items.push_back(std::move(item));
      skip_space(json_array, at);
      if (at >= json_array.size()) return std::nullopt;
      char separator = json_array[at++];
      if (separator == ']') break;
      if (separator != ',') return std::nullopt;
      skip_space(json_array, at);
    }
  }
  skip_space(json_array, at);
  if (at != json_array.size()) return std::nullopt;
  return items;
}

std::vector<std::string> JsonArrayReader::read(std::string_view json_array) {
  if (std::optional<std::vector<std::string>> strings = parse_json_string_array(json_array)) return *strings;
  if (!statement_) statement_.emplace(db_, decode_sql(db_.dialect()), "decoding a JSON list");
  std::vector<std::string> items;
  statement_->bind(1, json_array);
  while (statement_->step()) items.push_back(statement_->column_text(0));
  statement_->reset();
  return items;
}

}  // namespace nianbao::store
