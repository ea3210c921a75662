// How nianbao spells a stored number: integers without a decimal point, decimals in the shortest
// form that reads back exactly, "-" for none. One spelling for tables, CSV, JSON and messages.
#pragma once

#include <optional>
#include <string>

namespace nianbao {

std::string number_text(double value);
// "-" when absent.
std::string number_text(const std::optional<double>& value);

}  // namespace nianbao
