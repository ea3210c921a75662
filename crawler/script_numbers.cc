// Hand-written scanners for `name = 12` in scripts (see script_numbers.h): linear time, constant
// stack, no exceptions.
#include "crawler/script_numbers.h"

#include <cctype>

namespace nianbao::crawler {
namespace {

constexpr size_t kMaxDigits = 9;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool same_letter(char a, char b, NameCase name_case) {
  if (name_case == NameCase::exact) return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

bool name_at(std::string_view text, size_t at, std::string_view name, NameCase name_case) {
  if (text.size() - at < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (!same_letter(text[at + i], name[i], name_case)) return false;
  return true;
}

size_t skip_spaces(std::string_view text, size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

// The number assigned right after a name ending at `at`, if the text there has that shape.
std::optional<long> value_after_name(std::string_view text, size_t at) {
  at = skip_spaces(text, at);
  if (at >= text.size() || (text[at] != ':' && text[at] != '=')) return std::nullopt;
  at = skip_spaces(text, at + 1);
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) ++at;
  size_t digits_end = at;
  while (digits_end < text.size() && is_digit(text[digits_end])) ++digits_end;
  return small_number(text.substr(at, digits_end - at));
}

}  // namespace

std::optional<long> small_number(std::string_view text) {
  size_t first = skip_spaces(text, 0);
  size_t last = text.size();
  while (last > first && is_space(text[last - 1])) --last;
  std::string_view digits = text.substr(first, last - first);
  if (digits.empty() || digits.size() > kMaxDigits) return std::nullopt;
  long value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<long> assigned_number(std::string_view script, std::string_view name, NameCase name_case, bool whole_word) {
  if (name.empty()) return std::nullopt;
  for (size_t at = 0; at + name.size() <= script.size(); ++at) {
    if (!name_at(script, at, name, name_case)) continue;
    if (whole_word && at > 0 && is_word(script[at - 1])) continue;
    if (auto value = value_after_name(script, at + name.size())) return value;
  }
  return std::nullopt;
}

}  // namespace nianbao::crawler
