// Chinese numerals as pre-2019 prose prints them (一百二十三, 两, 〇, 二〇一二) and the decimal
// digit runs beside them: one reader that turns either spelling into an integer.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nianbao {

// The value of `text` when it is entirely a Chinese numeral (一百二十三 → 123, 两 → 2, 十二 → 12,
// 〇/零 → 0, 二〇一二 digit by digit → 2012); nullopt for anything else (mixed or empty text).
std::optional<int64_t> parse_chinese_numeral(std::string_view text);

// True when `text` starts with one character of a Chinese numeral (一 … 九, 十 百 千 万 两 〇 零);
// `length` receives its UTF-8 length.
bool starts_with_chinese_digit(std::string_view text, size_t& length);

}  // namespace nianbao
