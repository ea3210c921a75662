// Expected format by year and the six-section check (audit_format.h). The headings are matched on
// the normalized narrative, with the variants real reports print.
#include "store/audit_format.h"

#include "store/audit_similarity.h"

namespace nianbao::store {
namespace {

// A section and the phrases (all of one alternative must appear) that show it is there.
struct SectionMarks {
  std::string heading;
  std::vector<std::vector<std::string>> alternatives;
};

const std::vector<SectionMarks>& section_marks() {
  static const std::vector<SectionMarks> marks = {
      {"总体情况", {{"总体情况"}, {"概述"}}},
      {"主动公开政府信息情况", {{"主动公开政府信息情况"}, {"主动公开政府信息的情况"}}},
      {"收到和处理政府信息公开申请情况", {{"收到和处理政府信息公开申请"}}},
      {"政府信息公开行政复议、行政诉讼情况", {{"行政复议", "行政诉讼情况"}, {"行政复议", "行政诉讼的情况"}}},
      {"存在的主要问题及改进情况", {{"问题及改进情况"}, {"问题和改进情况"}, {"问题及改进措施"}}},
      {"其他需要报告的事项", {{"其他需要报告的事项"}, {"其他需要报告事项"}}},
  };
  return marks;
}

bool contains_all(const std::string& text, const std::vector<std::string>& phrases) {
  for (const std::string& phrase : phrases) {
    if (text.find(phrase) == std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> expected_format(int report_year) {
  if (report_year < 2019) return std::nullopt;
  return report_year <= 2020 ? "f2019" : "f2021";
}

const std::vector<std::string>& official_sections() {
  static const std::vector<std::string> headings = [] {
    std::vector<std::string> all;
    for (const SectionMarks& marks : section_marks()) all.push_back(marks.heading);
    return all;
  }();
  return headings;
}

std::vector<std::string> missing_sections(std::string_view report_text) {
  return missing_sections_in_narrative(narrative_text(report_text));
}

std::vector<std::string> missing_sections_in_narrative(const std::string& text) {
  std::vector<std::string> missing;
  for (const SectionMarks& marks : section_marks()) {
    bool present = false;
    for (const auto& phrases : marks.alternatives) present = present || contains_all(text, phrases);
    if (!present) missing.push_back(marks.heading);
  }
  return missing;
}

}  // namespace nianbao::store
