// Counts the format-specific header labels of spec §1 in the compacted text. A document with
// neither set is a pre-2019 report when it calls itself an annual report, otherwise not a report.
#include "extract/recognize/format_detector.h"

#include <array>
#include <cstring>

#include "extract/recognize/logical_row.h"

namespace nianbao {
namespace {

// memmem, not std::string::find: find stops at every byte equal to the marker's first byte, and
// in Chinese UTF-8 text the lead byte of a character is one of a handful of values.
int count_markers(const std::string& text, const std::array<const char*, 7>& markers) {
  int found = 0;
  for (const char* marker : markers) {
    if (memmem(text.data(), text.size(), marker, std::strlen(marker)) != nullptr) ++found;
  }
  return found;
}

bool calls_itself_a_report(const std::string& text, const std::string& title) {
  for (const std::string* source : {&title, &text}) {
    std::string head = source->substr(0, source == &text ? 3000 : source->size());
    if (head.find("年度报告") != std::string::npos || head.find("年报") != std::string::npos ||
        head.find("工作报告") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

Format detect_format(const std::string& raw_text, const std::string& title) {
  std::string text = compact(raw_text);
  static const std::array<const char*, 7> k2021 = {"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
                                                   "本年收费金额", "逾期不补正",   "逾期未按收费通知"};
  static const std::array<const char*, 7> k2019 = {"本年新制作数量", "本年新公开数量", "对外公开总数量",
                                                   "上一年项目数量", "本年增/减",     "第二十条第(九)项",
                                                   "其他对外管理服务事项"};
  int markers_2021 = count_markers(text, k2021);
  int markers_2019 = count_markers(text, k2019);
  if (markers_2021 > 0 || markers_2019 > 0) return markers_2021 >= markers_2019 ? Format::f2021 : Format::f2019;
  if (calls_itself_a_report(compact(text), compact(title))) {
    if (compact(title).find("函") != std::string::npos && compact(title).find("报告") == std::string::npos) {
      return Format::not_a_report;
    }
    return Format::pre2019;
  }
  return Format::not_a_report;
}

}  // namespace nianbao
