// Cell text → value: null tokens, signed numbers with thousands separators and decimals, and a
// trailing unit (元/万元/件/条/项/个) or bracketed note, which are stripped and recorded as flags.
#include "extract/table/cell_value.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace nianbao {
namespace {

std::string trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t')) --end;
  return std::string(text.substr(begin, end - begin));
}

bool is_null_token(const std::string& text) {
  static const std::array<const char*, 14> kTokens = {"-", "—", "——", "--", "―", "─", "/", "无", "空",
                                                      "不适用", "N/A", "n/a", "NA", "/ "};
  for (const char* token : kTokens) {
    if (text == token) return true;
  }
  return false;
}

// sign, digits (with thousands separators), decimals, optional unit, optional bracketed note.
const icu::RegexPattern& number_pattern() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8("^([+\\-−]?)\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*"
                                     "(万元|元|件|条|项|个|人次|篇)?\\s*(\\(.*\\))?$"),
        0, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cell number pattern does not compile");
    return compiled;
  }();
  return *pattern;
}

std::string group_text(icu::RegexMatcher& matcher, int group) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  matcher.group(group, status).toUTF8String(out);
  return U_SUCCESS(status) ? out : std::string();
}

// The common case without a regex: an optional minus and ASCII digits with at most one point.
std::optional<Number> plain_number(const std::string& text) {
  size_t start = text[0] == '-' ? 1 : 0;
  if (start == text.size()) return std::nullopt;
  int points = 0;
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (++points > 1 || i == start || i + 1 == text.size()) return std::nullopt;
    } else if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
  }
  return Number{std::strtod(text.c_str(), nullptr), points == 0};
}

}  // namespace

CellValue parse_cell_value(std::string_view raw) {
  CellValue value;
  std::string text = trim(raw);
  if (text.empty()) return value;
  if (is_null_token(text)) {
    value.kind = CellKind::null_token;
    return value;
  }
  if (auto number = plain_number(text)) {
    value.kind = CellKind::number;
    value.number = number;
    return value;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::RegexMatcher> matcher(number_pattern().matcher(unicode, status));
  if (U_FAILURE(status) || !matcher->matches(status)) {
    value.kind = CellKind::text;
    return value;
  }
  std::string sign = group_text(*matcher, 1);
  std::string digits = group_text(*matcher, 2);
  std::string decimals = group_text(*matcher, 3);
  value.unit = group_text(*matcher, 4);
  if (digits.find(',') != std::string::npos) value.flags.push_back("thousands_separator");
  std::erase(digits, ',');
  if (sign == "+") value.flags.push_back("plus_sign");
  if (!value.unit.empty()) value.flags.push_back("unit_stripped");
  if (!group_text(*matcher, 5).empty()) value.flags.push_back("annotation_stripped");
  std::string literal = (sign.empty() || sign == "+" ? "" : "-") + digits + decimals;
  value.kind = CellKind::number;
  value.number = Number{std::strtod(literal.c_str(), nullptr), decimals.empty()};
  return value;
}

bool is_value_cell(std::string_view text) {
  CellKind kind = parse_cell_value(text).kind;
  return kind != CellKind::text;
}

}  // namespace nianbao
