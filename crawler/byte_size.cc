// parse_byte_size (see byte_size.h): digits, then an optional binary unit.
#include "crawler/byte_size.h"

#include <cctype>
#include <limits>
#include <string>

namespace nianbao::crawler {
namespace {

std::optional<int> unit_shift(std::string unit) {
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.empty() || unit == "B") return 0;
  if (unit == "K" || unit == "KB" || unit == "KIB") return 10;
  if (unit == "M" || unit == "MB" || unit == "MIB") return 20;
  if (unit == "G" || unit == "GB" || unit == "GIB") return 30;
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> parse_byte_size(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 18) return std::nullopt;
  int64_t number = std::stoll(std::string(text.substr(0, digits)));
  std::optional<int> shift = unit_shift(std::string(text.substr(digits)));
  if (!shift || number <= 0) return std::nullopt;
  if (number > (std::numeric_limits<int64_t>::max() >> *shift)) return std::nullopt;
  return number << *shift;
}

}  // namespace nianbao::crawler
