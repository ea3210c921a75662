// Number spelling for the CLI and the store's messages: whole numbers without ".0" (3948), others in the shortest form that
// reads back exactly (12.5634, 5949.088667). Used by export, compare, corrections and correct.
#include "common/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace nianbao {

std::string number_text(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string number_text(const std::optional<double>& value) { return value ? number_text(*value) : "-"; }

}  // namespace nianbao
