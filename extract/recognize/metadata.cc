// Title, agency, year and scope by ICU regular expressions over the title (trusted first) and the
// opening text. "我局"/"本机关" style self-references are never taken for an agency name.
#include "extract/recognize/metadata.h"

#include <unicode/regex.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <vector>

namespace nianbao {
namespace {

std::unique_ptr<icu::RegexPattern> compile(const char* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, status));
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: metadata pattern does not compile: ") + pattern);
  return compiled;
}

// All matches of group `group` of `pattern` in `text`, in order.
std::vector<std::string> find_all(const icu::RegexPattern& pattern, const std::string& text, int group) {
  std::vector<std::string> found;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(unicode, status));
  while (U_SUCCESS(status) && matcher->find(status)) {
    std::string match;
    matcher->group(group, status).toUTF8String(match);
    found.push_back(match);
  }
  return found;
}

const char* kOrganSuffix =
    "(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会|委员会|管委会|办公厅|办公室|地方税务局|局|厅|委|署|院|中心|实验区|政府|街道办事处|镇|乡)";

bool ends_with(const std::string& text, const std::string& suffix);
const std::vector<std::string>& organ_suffixes();

// A short line that is only an organ's name ("洪泽区人民政府"), as PDF title pages print it above
// the "2023 年政府信息公开工作年度报告" line.
bool is_organ_line(const std::string& line) {
  if (line.empty() || line.size() > 90 || line.find(' ') != std::string::npos) return false;
  for (const std::string& suffix : organ_suffixes()) {
    if (line.size() > suffix.size() && ends_with(line, suffix)) return true;
  }
  return false;
}

std::string find_title(const std::string& text) {
  size_t start = 0;
  std::string previous;
  for (int line = 0; line < 40 && start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string candidate = text.substr(start, end - start);
    if (candidate.size() < 240 && (candidate.find("年度报告") != std::string::npos ||
                                   candidate.find("年报") != std::string::npos) &&
        candidate.find('|') == std::string::npos) {
      bool starts_with_year = !candidate.empty() && candidate[0] >= '0' && candidate[0] <= '9';
      if (starts_with_year && is_organ_line(previous)) return previous + candidate;
      // A title wrapped over two lines: "2025 年上海市人民政府办公厅政府信息公开" / "工作年度报告".
      if (candidate.rfind("工作", 0) == 0 && ends_with(previous, "公开")) return previous + candidate;
      return candidate;
    }
    if (!candidate.empty()) previous = candidate;
    start = end + 1;
  }
  return "";
}

std::optional<int> find_year(const std::string& title, const std::string& text) {
  static const auto in_title = compile("((?:19|20)\\d{2})\\s*年");
  static const auto year_of_report = compile("((?:19|20)\\d{2})\\s*年度");
  static const auto period = compile("统计期限[^\\n]{0,8}?((?:19|20)\\d{2})\\s*年");
  for (const auto& [pattern, source] : std::vector<std::pair<const icu::RegexPattern*, const std::string*>>{
           {in_title.get(), &title}, {period.get(), &text}, {year_of_report.get(), &text}, {in_title.get(), &text}}) {
    std::string head = source->substr(0, 6000);
    auto found = find_all(*pattern, head, 1);
    if (!found.empty()) return std::stoi(found.front());
  }
  return std::nullopt;
}

bool is_self_reference(const std::string& name) {
  for (const char* prefix : {"我", "本", "全", "各", "该", "此", "现", "根据", "依照", "关于"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

bool ends_with(const std::string& text, const std::string& suffix);

// The organ suffixes an agency name ends with, longest first.
const std::vector<std::string>& organ_suffixes() {
  static const std::vector<std::string> suffixes = {
      "人民政府办公厅", "人民政府办公室", "人民政府", "管理委员会", "委员会", "管委会", "办公厅", "办公室",
      "地方税务局", "街道办事处", "局", "厅", "委", "署", "院", "中心", "实验区", "政府", "镇", "乡"};
  return suffixes;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

// The run of Han characters (at most 40) that ends right before `end`, skipping one bracketed
// qualifier such as "（管委会）".
std::string han_run_before(const icu::UnicodeString& text, int32_t end) {
  int32_t start = end;
  while (start > 0 && (text.charAt(start - 1) == u' ' || text.charAt(start - 1) == u'\n')) --start;
  end = start;
  int count = 0;
  while (start > 0 && count < 40 && is_han(text.char32At(start - 1))) {
    start = text.moveIndex32(start, -1);
    ++count;
  }
  std::string run;
  text.tempSubStringBetween(start, end).toUTF8String(run);
  return run;
}

// Agency names standing right before a year ("抚顺市市场监督管理局2021年…") in `text`.
std::vector<std::string> names_before_years(const std::string& text) {
  static const auto year = compile("(?:19|20)\\d{2}\\s*年");
  std::vector<std::string> names;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::RegexMatcher> matcher(year->matcher(unicode, status));
  while (U_SUCCESS(status) && matcher->find(status)) {
    std::string run = han_run_before(unicode, matcher->start(status));
    for (const std::string& suffix : organ_suffixes()) {
      if (run.size() > suffix.size() && ends_with(run, suffix)) {
        names.push_back(run);
        break;
      }
    }
  }
  return names;
}

std::string find_agency(const std::string& title, const std::string& text) {
  static const auto anywhere = compile(std::string("([\\p{Han}]{2,40}?").append(kOrganSuffix).append(")").c_str());
  for (const std::string& candidate : names_before_years(title)) {
    if (!is_self_reference(candidate)) return candidate;
  }
  for (const std::string& candidate : names_before_years(text.substr(0, 4000))) {
    if (!is_self_reference(candidate)) return candidate;
  }
  static const auto after_year = compile("(?:19|20)\\d{2}\\s*年度?\\s*([\\p{Han}]{2,40}?)(?:政府信息公开|政务公开|信息公开)");
  for (const std::string& candidate : find_all(*after_year, title, 1)) {
    if (!is_self_reference(candidate) && is_organ_line(candidate)) return candidate;
  }
  for (const std::string& candidate : find_all(*anywhere, title, 1)) {
    if (!is_self_reference(candidate)) return candidate;
  }
  return "";
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr int kHeaderLines = 12;

std::string trim_spaces(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// The rest of `line` after one of `labels` followed by ":" or "：", trimmed; nullopt without one.
std::optional<std::string> after_label(const std::string& line, std::initializer_list<const char*> labels) {
  for (const char* label : labels) {
    for (const char* colon : {":", "："}) {
      std::string prefix = std::string(label) + colon;
      if (line.rfind(prefix, 0) == 0) return trim_spaces(line.substr(prefix.size()));
    }
  }
  return std::nullopt;
}

// 2021-03-05, 2021/3/5, 2021.03.05, 2021年3月5日 → 2021-03-05.
std::optional<std::string> iso_date(const std::string& text) {
  static const auto date = compile("^((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::RegexMatcher> matcher(date->matcher(unicode, status));
  if (U_FAILURE(status) || !matcher->find(status)) return std::nullopt;
  std::string parts[3];
  for (int group = 1; group <= 3; ++group) matcher->group(group, status).toUTF8String(parts[group - 1]);
  int month = std::stoi(parts[1]), day = std::stoi(parts[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  char buffer[11];
  std::snprintf(buffer, sizeof buffer, "%s-%02d-%02d", parts[0].c_str(), month, day);
  return std::string(buffer);
}

}  // namespace

LabelledHeader read_labelled_header(const std::string& text) {
  LabelledHeader header;
  size_t start = 0;
  for (int line = 0; line < kHeaderLines && start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string content = trim_spaces(text.substr(start, std::min<size_t>(end - start, 600)));
    if (header.title.empty()) {
      if (auto title = after_label(content, {"标题"})) header.title = *title;
    }
    if (!header.published) {
      if (auto date = after_label(content, {"发布时间", "发布日期", "公开日期"})) header.published = iso_date(*date);
    }
    start = end + 1;
  }
  return header;
}

Scope scope_of_agency(const std::string& agency) {
  if (agency.empty()) return Scope::unknown;
  for (const char* department : {"办公厅", "办公室", "局", "委员会", "委", "厅", "署", "院", "中心", "部"}) {
    if (ends_with(agency, department)) return Scope::own_organ;
  }
  for (const char* government : {"人民政府", "政府", "实验区", "管委会", "区", "县", "市", "州", "省", "旗", "镇", "乡"}) {
    if (ends_with(agency, government)) return Scope::region_aggregate;
  }
  return Scope::own_organ;
}

ReportMetadata read_metadata(const std::string& text, const std::string& title_hint) {
  ReportMetadata metadata;
  metadata.title = title_hint.empty() ? find_title(text) : title_hint;
  metadata.report_year = find_year(metadata.title, text);
  metadata.agency = find_agency(metadata.title, text);
  metadata.scope = scope_of_agency(metadata.agency);
  return metadata;
}

}  // namespace nianbao
