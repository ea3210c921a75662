// Chinese numeral reading for pre-2019 prose: digits 〇…九 (两 = 2), units 十 百 千 万; a run
// without units is read digit by digit (二〇一二 = 2012), as dates and long counts are printed.
#include "extract/pre2019/chinese_numerals.h"

#include <array>
#include <string>
#include <vector>

namespace nianbao {
namespace {

struct NumeralChar {
  std::string_view utf8;
  int digit;  // 0..9, or -1 for a unit
  int64_t unit;  // 10, 100, 1000, 10000 for units, 0 for digits
};

constexpr std::array<NumeralChar, 17> kNumeralChars{{
    {"〇", 0, 0}, {"零", 0, 0}, {"○", 0, 0}, {"一", 1, 0}, {"二", 2, 0}, {"两", 2, 0}, {"三", 3, 0},
    {"四", 4, 0}, {"五", 5, 0}, {"六", 6, 0}, {"七", 7, 0}, {"八", 8, 0}, {"九", 9, 0},
    {"十", -1, 10}, {"百", -1, 100}, {"千", -1, 1000}, {"万", -1, 10000},
}};

const NumeralChar* numeral_at(std::string_view text) {
  for (const NumeralChar& numeral : kNumeralChars) {
    if (text.substr(0, numeral.utf8.size()) == numeral.utf8) return &numeral;
  }
  return nullptr;
}

std::optional<std::vector<const NumeralChar*>> split_numerals(std::string_view text) {
  std::vector<const NumeralChar*> chars;
  while (!text.empty()) {
    const NumeralChar* numeral = numeral_at(text);
    if (numeral == nullptr) return std::nullopt;
    chars.push_back(numeral);
    text.remove_prefix(numeral->utf8.size());
  }
  if (chars.empty()) return std::nullopt;
  return chars;
}

int64_t digit_by_digit(const std::vector<const NumeralChar*>& chars) {
  int64_t value = 0;
  for (const NumeralChar* numeral : chars) value = value * 10 + numeral->digit;
  return value;
}

// 一百二十三: digits multiply the unit that follows; 万 closes a section; a leading 十 means 一十.
int64_t with_units(const std::vector<const NumeralChar*>& chars) {
  int64_t total = 0, section = 0, pending = -1;
  for (const NumeralChar* numeral : chars) {
    if (numeral->unit == 0) {
      pending = numeral->digit;
    } else if (numeral->unit == 10000) {
      section += pending < 0 ? 0 : pending;
      total += (section == 0 ? 1 : section) * 10000;
      section = 0;
      pending = -1;
    } else {
      section += (pending < 0 ? 1 : pending) * numeral->unit;
      pending = -1;
    }
  }
  return total + section + (pending < 0 ? 0 : pending);
}

}  // namespace

std::optional<int64_t> parse_chinese_numeral(std::string_view text) {
  auto chars = split_numerals(text);
  if (!chars) return std::nullopt;
  bool has_unit = false;
  for (const NumeralChar* numeral : *chars) has_unit |= numeral->unit != 0;
  return has_unit ? with_units(*chars) : digit_by_digit(*chars);
}

bool starts_with_chinese_digit(std::string_view text, size_t& length) {
  const NumeralChar* numeral = numeral_at(text);
  if (numeral == nullptr) return false;
  length = numeral->utf8.size();
  return true;
}

}  // namespace nianbao
