// Sizes as users write them on the command line: "1048576", "512K", "100M", "2G" (binary units,
// case-insensitive, an optional trailing "B" or "iB").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nianbao::crawler {

// The size in bytes, or nullopt when `text` is not a positive whole number with an optional
// K/M/G suffix, or is too large to count in 63 bits.
std::optional<int64_t> parse_byte_size(std::string_view text);

}  // namespace nianbao::crawler
