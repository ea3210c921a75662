// Keyword tables for label matching. Each entry lists alternatives; the first entry whose keyword
// occurs in the compacted label wins, so more specific keywords come first.
#include "extract/recognize/label_match.h"

#include <utility>
#include <vector>

namespace nianbao {
namespace {

using KeywordTable = std::vector<std::pair<const char*, const char*>>;  // keyword → key part

std::optional<std::string> first_match(const std::string& label, const KeywordTable& table) {
  for (const auto& [keyword, key] : table) {
    if (label.find(keyword) != std::string::npos) return std::string(key);
  }
  return std::nullopt;
}

// Strips a leading enumerator: "1.", "1、", "(一)", "一、", "(六)".
std::string strip_enumerator(const std::string& label) {
  size_t at = 0;
  if (label.compare(0, 1, "(") == 0) {
    size_t close = label.find(')');
    if (close != std::string::npos && close <= 7) at = close + 1;
  } else {
    while (at < label.size() && label[at] >= '0' && label[at] <= '9') ++at;
    if (at > 0 && at < label.size() && (label[at] == '.' || label[at] == ',')) ++at;
    if (at > 0 && label.compare(at, 3, "、") == 0) at += 3;
  }
  return label.substr(at);
}

}  // namespace

std::optional<std::string> match_table2_row(const std::string& label) {
  static const KeywordTable kRows = {
      {"规范性文件", "normative_doc"}, {"规范性档案", "normative_doc"}, {"规章", "regulation"},
      {"其他对外管理服务", "other_service"}, {"对外管理服务", "other_service"}, {"行政许可", "license"},
      {"行政处罚", "penalty"}, {"行政强制", "coercion"}, {"事业性收费", "fee"}, {"集中采购", "procurement"},
  };
  if (label.find("第二十条") != std::string::npos || label.find("信息内容") != std::string::npos) return std::nullopt;
  return first_match(label, kRows);
}

std::optional<std::string> match_table2_column(const std::string& label) {
  static const KeywordTable kColumns = {
      {"制发", "issued"},          {"废止", "repealed"},           {"现行有效", "in_force"},
      {"新制作", "new_made"},      {"新公开", "new_published"},    {"公开总数", "total_published"},
      {"上一年", "prev_items"},    {"增/减", "delta_items"},       {"增减", "delta_items"},
      {"处理决定", "decisions"},   {"收费金额", "amount_wan"},     {"采购项目", "projects"},
      {"采购总金额", "amount"},    {"总金额", "amount"},
  };
  return first_match(label, kColumns);
}

std::optional<std::string> match_table3_group(const std::string& label) {
  static const KeywordTable kGroups = {
      {"予以公开", "granted"},    {"部分公开", "partial"},        {"不予公开", "denied"},
      {"无法提供", "unable"},     {"不予处理", "not_processed"},  {"其他处理", "other"},
      {"总计", "total"},          {"合计", "total"},
  };
  // Level-2 labels start with a bracketed enumerator; 总计 may stand alone.
  if (label.compare(0, 1, "(") != 0 && label != "总计" && label != "合计") return std::nullopt;
  return first_match(label, kGroups);
}

std::optional<std::string> match_table3_row(const std::string& label, const std::string& group) {
  static const KeywordTable kRows = {
      {"本年新收", "new_received"},
      {"上年结转", "carried_over"},
      {"结转下年度", "carry_forward"},
      {"部分公开", "result.partial"},
      {"予以公开", "result.granted"},
      {"国家秘密", "result.denied.state_secret"},
      {"禁止公开", "result.denied.law_prohibited"},
      {"行政止公开", "result.denied.law_prohibited"},
      {"其他法律行政法规", "result.denied.law_prohibited"},
      {"三安全一稳定", "result.denied.security_stability"},
      {"安全一稳定", "result.denied.security_stability"},
      {"第三方", "result.denied.third_party"},
      {"内部事务", "result.denied.internal_affairs"},
      {"过程性", "result.denied.process_info"},
      {"执法案卷", "result.denied.enforcement_file"},
      {"行政查询", "result.denied.admin_query"},
      {"不掌握", "result.unable.not_held"},
      {"另行制作", "result.unable.needs_creation"},
      {"没有现成", "result.unable.needs_creation"},
      {"仍不明确", "result.unable.still_unclear"},
      {"信访", "result.not_processed.petition"},
      {"重复申请", "result.not_processed.duplicate"},
      {"公开出版物", "result.not_processed.publication"},
      {"大量反复", "result.not_processed.mass_repeat"},
      {"重新出具", "result.not_processed.confirm_reissue"},
      {"确认或重新", "result.not_processed.confirm_reissue"},
      {"逾期不补正", "result.other.no_correction"},
      {"缴纳费用", "result.other.fee_unpaid"},
      {"收费通知", "result.other.fee_unpaid"},
      {"其他处理", "result.other"},
  };
  if (auto key = first_match(label, kRows)) return key;
  std::string bare = strip_enumerator(label);
  if (group == "other" && (bare == "其他" || bare == "其它")) return std::string("result.other.misc");
  if (bare == "总计" || bare == "合计") {
    if (group.empty() || group == "total" || label.compare(0, 1, "(") == 0) return std::string("result.total");
  }
  return std::nullopt;
}

std::optional<std::string> match_table3_column(const std::string& label) {
  static const KeywordTable kColumns = {
      {"自然人", "natural_person"}, {"商业企业", "commercial"},      {"科研机构", "research"},
      {"社会公益", "social_welfare"}, {"法律服务", "legal_service"}, {"总计", "total"},
      {"合计", "total"},
  };
  if (auto key = first_match(label, kColumns)) return key;
  if (label == "其他" || label == "其他组织" || label == "其它") return std::string("other");
  return std::nullopt;
}

}  // namespace nianbao
