// Number spelling for the CLI: %.15g drops trailing zeros and keeps 万元 decimals (12.3456) exact
// as printed; integral values (3948.0) print as integers.
#include "cli/number_text.h"

#include <cmath>
#include <cstdio>

namespace nianbao::cli {

std::string number_text(double value) {
  char buffer[64];
  if (std::nearbyint(value) == value && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
  }
  return buffer;
}

std::string number_text(const std::optional<double>& value) { return value ? number_text(*value) : "-"; }

}  // namespace nianbao::cli
