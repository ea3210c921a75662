// The canonical keys and printed labels of table 二, 三 and 四 for the 2019 and 2021 formats,
// transcribed from spec §4–§6. Order is the official print order.
#include "extract/model/key_catalog.h"

namespace nianbao {
namespace {

const std::vector<std::string> kDocColumns2019 = {"new_made", "new_published", "total_published"};
const std::vector<std::string> kDocLabels2019 = {"本年新制作数量", "本年新公开数量", "对外公开总数量"};
const std::vector<std::string> kItemColumns2019 = {"prev_items", "delta_items", "decisions"};
const std::vector<std::string> kItemLabels2019 = {"上一年项目数量", "本年增/减", "处理决定数量"};

const std::vector<Table2Row> kTable2_2019 = {
    {"第二十条第（一）项", "regulation", "规章", kDocColumns2019, kDocLabels2019},
    {"第二十条第（一）项", "normative_doc", "规范性文件", kDocColumns2019, kDocLabels2019},
    {"第二十条第（五）项", "license", "行政许可", kItemColumns2019, kItemLabels2019},
    {"第二十条第（五）项", "other_service", "其他对外管理服务事项", kItemColumns2019, kItemLabels2019},
    {"第二十条第（六）项", "penalty", "行政处罚", kItemColumns2019, kItemLabels2019},
    {"第二十条第（六）项", "coercion", "行政强制", kItemColumns2019, kItemLabels2019},
    {"第二十条第（八）项", "fee", "行政事业性收费", {"prev_items", "delta_items"}, {"上一年项目数量", "本年增/减"}},
    {"第二十条第（九）项", "procurement", "政府集中采购", {"projects", "amount"}, {"采购项目数量", "采购总金额"}},
};

const std::vector<std::string> kDocColumns2021 = {"issued", "repealed", "in_force"};
const std::vector<std::string> kDocLabels2021 = {"本年制发件数", "本年废止件数", "现行有效件数"};

const std::vector<Table2Row> kTable2_2021 = {
    {"第二十条第（一）项", "regulation", "规章", kDocColumns2021, kDocLabels2021},
    {"第二十条第（一）项", "normative_doc", "行政规范性文件", kDocColumns2021, kDocLabels2021},
    {"第二十条第（五）项", "license", "行政许可", {"decisions"}, {"本年处理决定数量"}},
    {"第二十条第（六）项", "penalty", "行政处罚", {"decisions"}, {"本年处理决定数量"}},
    {"第二十条第（六）项", "coercion", "行政强制", {"decisions"}, {"本年处理决定数量"}},
    {"第二十条第（八）项", "fee", "行政事业性收费", {"amount_wan"}, {"本年收费金额（单位：万元）"}},
};

std::vector<Table3Row> table3_rows_with(const std::vector<Table3Row>& other_rows) {
  std::vector<Table3Row> rows = {
      {"new_received", "一、本年新收政府信息公开申请数量", 1},
      {"carried_over", "二、上年结转政府信息公开申请数量", 1},
      {"result.granted", "（一）予以公开", 2},
      {"result.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2},
      {"result.denied.state_secret", "1.属于国家秘密", 3},
      {"result.denied.law_prohibited", "2.其他法律行政法规禁止公开", 3},
      {"result.denied.security_stability", "3.危及“三安全一稳定”", 3},
      {"result.denied.third_party", "4.保护第三方合法权益", 3},
      {"result.denied.internal_affairs", "5.属于三类内部事务信息", 3},
      {"result.denied.process_info", "6.属于四类过程性信息", 3},
      {"result.denied.enforcement_file", "7.属于行政执法案卷", 3},
      {"result.denied.admin_query", "8.属于行政查询事项", 3},
      {"result.unable.not_held", "1.本机关不掌握相关政府信息", 3},
      {"result.unable.needs_creation", "2.没有现成信息需要另行制作", 3},
      {"result.unable.still_unclear", "3.补正后申请内容仍不明确", 3},
      {"result.not_processed.petition", "1.信访举报投诉类申请", 3},
      {"result.not_processed.duplicate", "2.重复申请", 3},
      {"result.not_processed.publication", "3.要求提供公开出版物", 3},
      {"result.not_processed.mass_repeat", "4.无正当理由大量反复申请", 3},
      {"result.not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", 3},
  };
  rows.insert(rows.end(), other_rows.begin(), other_rows.end());
  rows.push_back({"result.total", "（七）总计", 2});
  rows.push_back({"carry_forward", "四、结转下年度继续办理", 1});
  return rows;
}

const std::vector<Table3Row> kTable3_2019 = table3_rows_with({{"result.other", "（六）其他处理", 2}});
const std::vector<Table3Row> kTable3_2021 = table3_rows_with({
    {"result.other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 3},
    {"result.other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 3},
    {"result.other.misc", "3.其他", 3},
});

const std::vector<Table2Row> kNoTable2;
const std::vector<Table3Row> kNoTable3;

}  // namespace

const std::vector<std::string>& table3_columns() {
  static const std::vector<std::string> columns = {"natural_person", "commercial",    "research", "social_welfare",
                                                   "legal_service",  "other", "total"};
  return columns;
}

const std::vector<std::string>& table3_column_labels() {
  static const std::vector<std::string> labels = {"自然人",       "商业企业", "科研机构", "社会公益组织",
                                                  "法律服务机构", "其他",     "总计"};
  return labels;
}

const std::vector<std::string>& table4_groups() {
  static const std::vector<std::string> groups = {"review", "suit_direct", "suit_after_review"};
  return groups;
}

const std::vector<std::string>& table4_outcomes() {
  static const std::vector<std::string> outcomes = {"upheld", "corrected", "other", "pending", "total"};
  return outcomes;
}

const std::vector<std::string>& table4_group_labels() {
  static const std::vector<std::string> labels = {"行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"};
  return labels;
}

const std::vector<std::string>& table4_outcome_labels() {
  static const std::vector<std::string> labels = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  return labels;
}

std::vector<std::string> table4_keys() {
  std::vector<std::string> keys;
  for (const auto& group : table4_groups()) {
    for (const auto& outcome : table4_outcomes()) keys.push_back("t4." + group + "." + outcome);
  }
  return keys;
}

const std::vector<Table2Row>& table2_rows(Format format) {
  if (format == Format::f2019) return kTable2_2019;
  if (format == Format::f2021) return kTable2_2021;
  return kNoTable2;
}

const std::vector<Table3Row>& table3_rows(Format format) {
  if (format == Format::f2019) return kTable3_2019;
  if (format == Format::f2021) return kTable3_2021;
  return kNoTable3;
}

std::vector<std::string> all_keys(Format format) {
  std::vector<std::string> keys;
  for (const auto& row : table2_rows(format)) {
    for (const auto& column : row.columns) keys.push_back("t2." + row.row + "." + column);
  }
  for (const auto& row : table3_rows(format)) {
    for (const auto& column : table3_columns()) keys.push_back("t3." + row.row + "." + column);
  }
  if (format == Format::f2019 || format == Format::f2021) {
    for (auto& key : table4_keys()) keys.push_back(key);
  }
  return keys;
}

}  // namespace nianbao
