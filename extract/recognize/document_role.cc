// The role rules, most specific first: printed standard tables make a report; then the title's words
// (解读/图解, 通知/函/要点/方案, a report's name) and, for a report's name, an attached file make a
// landing page; a page listing many reports is a list; prose that calls itself a report is one.
#include "extract/recognize/document_role.h"

#include <array>
#include <cctype>
#include <set>

#include "extract/recognize/logical_row.h"
#include "extract/recognize/metadata.h"

namespace nianbao {
namespace {

// Below this many stated cells a notice or interpretation quoting the table layout stays what its
// title says (a blank template inside a notice prints no numbers).
constexpr int kCellsThatMakeAReport = 10;
// A landing page's own text (title, a sentence, the attachment's name) stays under this size.
constexpr size_t kLandingBodyBytes = 1500;
// A page whose title names no dated report is a list of reports when its links name the reports
// of this many years, or its text those of kNamedReportYears (a report may cite last year's).
constexpr int kLinkedReportYears = 2;
constexpr int kNamedReportYears = 4;
constexpr size_t kListScanBytes = 200000;

bool contains(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
  for (const char* word : words) {
    if (contains(text, word)) return true;
  }
  return false;
}

bool has_ascii_year(const std::string& text) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    bool digits = std::isdigit(static_cast<unsigned char>(text[i])) && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                  std::isdigit(static_cast<unsigned char>(text[i + 2])) && std::isdigit(static_cast<unsigned char>(text[i + 3]));
    if (digits && (text.compare(i, 2, "19") == 0 || text.compare(i, 2, "20") == 0)) return true;
  }
  return false;
}

// A report's name with its year ("…2023年…年度报告"), as report titles print it.
bool names_a_dated_report(const std::string& text) {
  return names_an_annual_report(text) && (has_ascii_year(text) || contains_any(text, {"〇", "○", "零"}));
}

bool is_interpretation_title(const std::string& title) {
  return contains_any(title, {"解读", "图解", "一图读懂", "一图看懂", "图说", "答记者问"});
}

bool is_notice_title(const std::string& title) {
  return contains_any(title, {"通知", "函", "要点", "方案", "通报", "工作安排"});
}

// A notice is about publishing: 政府信息公开, 政务公开, or the reports themselves.
bool is_about_disclosure(const std::string& title, const std::string& text) {
  const std::string opening = compact(text.substr(0, 2000));
  for (const std::string* source : {&title, &opening}) {
    if (contains_any(*source, {"公开", "年度报告", "年报"})) return true;
  }
  return false;
}

// `.pdf`, `.docx` … in `text` (an href, also in its query, or an anchor) ending a file name: not
// followed by a letter, digit, '.', '/', '_' or '-' ("guide.docx.html" is a page).
bool names_an_attachment_file(const std::string& text) {
  static const std::array<const char*, 9> kExtensions = {".pdf", ".doc", ".docx", ".wps", ".xls",
                                                        ".xlsx", ".ofd", ".zip",  ".rar"};
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (const char* extension : kExtensions) {
    std::string ext(extension);
    for (size_t at = lower.find(ext); at != std::string::npos; at = lower.find(ext, at + 1)) {
      size_t after = at + ext.size();
      if (after == lower.size()) return true;
      char next = lower[after];
      if (!std::isalnum(static_cast<unsigned char>(next)) && next != '.' && next != '/' && next != '_' && next != '-') {
        return true;
      }
    }
  }
  return false;
}

bool links_the_report_attachment(const RoleEvidence& evidence, bool title_names_report) {
  if (evidence.links == nullptr) return false;
  for (const DocumentLink& link : *evidence.links) {
    if (!names_an_attachment_file(link.href) && !names_an_attachment_file(link.text)) continue;
    if (title_names_report || names_an_annual_report(compact(link.text))) return true;
  }
  return false;
}

// The section headings of a report (2019+ and pre-2019); a landing page prints at most one.
int report_sections(const std::string& compact_text) {
  int found = 0;
  for (const char* section : {"总体情况", "概述", "主动公开", "依申请公开", "收到和处理", "行政复议", "存在的主要问题",
                              "其他需要报告"}) {
    if (contains(compact_text, section)) ++found;
  }
  return found;
}

bool body_is_short(const RoleEvidence& evidence) {
  std::string text = compact(*evidence.text);
  if (text.size() < kLandingBodyBytes) return true;
  return report_sections(text) < 2;
}

// The first year (19xx/20xx) printed in `text`; empty when none.
std::string first_year(const std::string& text) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (has_ascii_year(text.substr(i, 4))) return text.substr(i, 4);
  }
  return "";
}

// Years of the dated report names in the opening text (a year at most 80 bytes before 年度报告/年报).
std::set<std::string> years_of_named_reports(const std::string& text) {
  std::set<std::string> years;
  std::string opening = compact(text.substr(0, kListScanBytes));
  for (const char* name : {"年度报告", "年报"}) {
    for (size_t at = opening.find(name); at != std::string::npos; at = opening.find(name, at + 1)) {
      size_t from = at > 80 ? at - 80 : 0;
      std::string before = opening.substr(from, at - from);
      std::string year;
      for (size_t i = 0; i + 4 <= before.size(); ++i) {
        if (has_ascii_year(before.substr(i, 4))) year = before.substr(i, 4);  // the nearest one
      }
      if (!year.empty()) years.insert(year);
    }
  }
  return years;
}

// A column's list page: links naming the reports of several years, or a text naming many, and no
// report sections of its own. (A report's running headers repeat its own year.)
bool lists_reports(const RoleEvidence& evidence) {
  if (report_sections(compact(evidence.text->substr(0, kListScanBytes))) >= 3) return false;
  std::set<std::string> linked_years;
  if (evidence.links != nullptr) {
    for (const DocumentLink& link : *evidence.links) {
      std::string text = compact(link.text);
      if (names_a_dated_report(text)) linked_years.insert(first_year(text));
    }
  }
  if (static_cast<int>(linked_years.size()) >= kLinkedReportYears) return true;
  return static_cast<int>(years_of_named_reports(*evidence.text).size()) >= kNamedReportYears;
}

// One of the first lines is a report's dated title (a page whose <title> is only the site's name).
bool opens_with_a_report_title(const std::string& text) {
  size_t start = 0;
  for (int line = 0; line < 40 && start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start < 240 && names_a_dated_report(compact(text.substr(start, end - start)))) return true;
    start = end + 1;
  }
  return false;
}

// The opening text names the document a report (a file whose first line is not its title).
bool opening_calls_itself_a_report(const std::string& text) {
  std::string opening = compact(text.substr(0, 3000));
  return contains_any(opening, {"年度报告", "年报", "工作报告"});
}

std::string trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

std::string labelled_title(const std::string& text) { return read_labelled_header(text).title; }

bool names_an_annual_report(const std::string& title) {
  std::string text = compact(title);
  if (contains(text, "年度报表")) return contains(text, "年度报告");
  return contains_any(text, {"年度报告", "年报", "工作报告"});
}

std::string first_heading(const std::string& text) {
  size_t start = 0;
  for (int line = 0; line < 40 && start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string candidate = trimmed(text.substr(start, end - start));
    for (const char* prefix : {"标题:", "标题："}) {
      if (candidate.rfind(prefix, 0) == 0) candidate = trimmed(candidate.substr(std::string(prefix).size()));
    }
    if (!candidate.empty()) {
      if (candidate.size() > 240) {
        size_t cut = 240;
        while (cut > 0 && (static_cast<unsigned char>(candidate[cut]) & 0xC0) == 0x80) --cut;
        candidate.resize(cut);
      }
      return candidate;
    }
    start = end + 1;
  }
  return "";
}

DocumentRole classify_document(const RoleEvidence& evidence) {
  const std::string& text = *evidence.text;
  std::string title = compact(evidence.title.empty() ? first_heading(text) : evidence.title);
  bool has_vocabulary = evidence.format == Format::f2019 || evidence.format == Format::f2021;
  bool prints_tables = evidence.stated_cells >= kCellsThatMakeAReport;
  if (prints_tables) return DocumentRole::report;
  if (is_interpretation_title(title)) return DocumentRole::interpretation;
  if (is_notice_title(title) && is_about_disclosure(title, text)) return DocumentRole::notice;
  if (has_vocabulary) return DocumentRole::report;
  bool title_names_report = names_an_annual_report(title);
  if (!names_a_dated_report(title) && lists_reports(evidence)) return DocumentRole::other;
  if (links_the_report_attachment(evidence, title_names_report) && body_is_short(evidence)) {
    return DocumentRole::landing;
  }
  if (title_names_report || opens_with_a_report_title(text)) return DocumentRole::report;
  if (evidence.title.empty() && opening_calls_itself_a_report(text)) return DocumentRole::report;
  return DocumentRole::other;
}

}  // namespace nianbao
