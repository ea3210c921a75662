// The §9.3 statistics a pre-2019 report states in prose: `共收到…申请21条`, `兼职人员1人`,
// `费用1万元`, and its explicit negations (`未收到…申请`, `暂不收费`, `无不予公开…`) read as 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace nianbao {

struct ProseFigure {
  int64_t value = 0;     // in the key's unit: 元 for money (万元 converted), counts otherwise
  size_t offset = 0;     // byte offset in the text of the number (of the negation phrase for a 0)
  std::string raw;       // the number and unit as printed, or the negation phrase
  bool negation = false; // an explicit "none" statement read as 0
  bool converted = false; // printed in 万元, stored in 元
};

// The first figure the prose of text[0, end) gives for each pre.* key it states.
std::map<std::string, ProseFigure> read_pre_prose(std::string_view text, size_t end);

}  // namespace nianbao
