// 表四 rule (spec §10.4) T4-1: for 行政复议, 未经复议直接起诉 and 复议后起诉, 总计 equals
// 维持 + 纠正 + 其他结果 + 尚未审结.
#include "extract/validate/validator.h"

#include "extract/model/key_catalog.h"

namespace nianbao {

void check_table4(RuleRunner& rules) {
  for (const std::string& group : table4_groups()) {
    std::string prefix = "t4." + group + ".";
    rules.check_sum("T4-1", Severity::error, prefix + "total",
                    {prefix + "upheld", prefix + "corrected", prefix + "other", prefix + "pending"},
                    "表四 " + group + ": 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结");
  }
}

}  // namespace nianbao
