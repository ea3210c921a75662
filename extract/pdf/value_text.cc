// Strict value test for PDF fragments: a label such as "2023 年" or "1.属于国家秘密" must stay
// text, so only a bare number, a number with a known unit, or a lone placeholder counts.
#include "extract/pdf/value_text.h"

#include <array>
#include <cctype>

namespace nianbao::pdf {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool consume_prefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// Consumes [+-]digits[,digits]*[.digits]; false when no digit was read.
bool consume_number(std::string_view& text) {
  if (!consume_prefix(text, "-") && !consume_prefix(text, "+")) consume_prefix(text, "\xE2\x88\x92");  // U+2212
  size_t at = 0;
  size_t digits = 0;
  while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == ',')) {
    digits += text[at] != ',';
    ++at;
  }
  if (digits == 0 || text[0] == ',') return false;
  if (at < text.size() && text[at] == '.') {
    size_t decimals_start = ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == decimals_start) return false;
  }
  text.remove_prefix(at);
  return true;
}

bool is_unit(std::string_view rest) {
  static constexpr std::array<std::string_view, 8> kUnits = {"%", "元", "万元", "件", "个", "条", "项", "次"};
  rest = trim(rest);
  if (rest.empty()) return true;
  for (std::string_view unit : kUnits) {
    if (rest == unit) return true;
  }
  return false;
}

bool is_placeholder(std::string_view text) {
  static constexpr std::array<std::string_view, 8> kPlaceholders = {
      "-", "--", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x93", "/", "\xEF\xBC\x8F", "\xEF\xBC\x8D"};
  for (std::string_view placeholder : kPlaceholders) {
    if (text == placeholder) return true;
  }
  return false;
}

}  // namespace

bool is_value_text(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  if (is_placeholder(text)) return true;
  return consume_number(text) && is_unit(text);
}

}  // namespace nianbao::pdf
