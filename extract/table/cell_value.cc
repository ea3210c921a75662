// Cell text → value: null tokens, signed numbers with thousands separators and decimals, and a
// trailing unit (元/万元/件/条/项/个) or bracketed note, which are stripped and recorded as flags.
#include "extract/table/cell_value.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace nianbao {
namespace {

std::string_view trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t')) --end;
  return text.substr(begin, end - begin);
}

bool is_null_token(std::string_view text) {
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
std::optional<Number> plain_number(std::string_view text) {
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
  size_t digits = text.size() - start;
  if (points == 0 && digits <= 15) {  // an integer below 2^53: exact as a double, as strtod reads it
    double value = 0;
    for (size_t i = start; i < text.size(); ++i) value = value * 10 + (text[i] - '0');
    return Number{start == 1 ? -value : value, true};
  }
  return Number{std::strtod(std::string(text).c_str(), nullptr), points == 0};
}

// A character the number pattern may accept as a digit or white space (\d is any decimal digit,
// \s any Unicode space), or one too doubtful to judge here (a control, a format character, a
// malformed byte): such a text is left to the pattern.
bool may_be_digit_or_space(UChar32 c) {
  if (c < 0 || c <= 0x20 || c == 0x7F) return true;
  if (c < 0x80) return c >= '0' && c <= '9';
  if (u_isdigit(c) || u_isUWhiteSpace(c) || u_isspace(c) || u_isWhitespace(c)) return true;
  int8_t category = u_charType(c);
  return category == U_DECIMAL_DIGIT_NUMBER || category == U_SPACE_SEPARATOR || category == U_LINE_SEPARATOR ||
         category == U_PARAGRAPH_SEPARATOR || category == U_CONTROL_CHAR || category == U_FORMAT_CHAR;
}

// True when the number pattern cannot match `text` (trimmed, not empty), judged by its first and
// last characters: a match starts with a sign, white space or a digit, and ends with a digit, a
// unit (…元, 件, 条, 项, 个, …次, 篇), a closing bracket or white space. Label cells ("（一）…",
// "1.收到申请数") are told apart here without building the regex matcher.
bool cannot_be_number(std::string_view text) {
  int32_t length = static_cast<int32_t>(text.size());
  int32_t at = 0;
  UChar32 first = 0;
  U8_NEXT(text.data(), at, length, first);
  if (first != '+' && first != '-' && first != 0x2212 && !may_be_digit_or_space(first)) return true;
  at = length;
  UChar32 last = 0;
  U8_PREV(text.data(), 0, at, last);
  if (last == ')') return false;
  for (UChar32 unit : {U'元', U'件', U'条', U'项', U'个', U'次', U'篇'}) {
    if (last == unit) return false;
  }
  return !may_be_digit_or_space(last);
}

}  // namespace

CellValue parse_cell_value(std::string_view raw) {
  CellValue value;
  std::string_view text = trim(raw);
  if (text.empty()) return value;
  bool starts_with_digit = text[0] >= '0' && text[0] <= '9';  // no null token does
  if (!starts_with_digit && is_null_token(text)) {
    value.kind = CellKind::null_token;
    return value;
  }
  if (auto number = plain_number(text)) {
    value.kind = CellKind::number;
    value.number = number;
    return value;
  }
  if (cannot_be_number(text)) {
    value.kind = CellKind::text;
    return value;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
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
