// Whether a fragment's text is a table value: a number (optionally signed, with thousands
// separators, decimals, a percent sign or a unit such as 元/万元/件) or a placeholder (-, —, /).
#pragma once

#include <string_view>

namespace nianbao::pdf {

// `text` is normalized (NFKC: ASCII digits); surrounding spaces are ignored.
bool is_value_text(std::string_view text);

}  // namespace nianbao::pdf
