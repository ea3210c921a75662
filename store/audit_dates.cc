// The deadline rule, dates in URLs and the choice of a report's publication date (audit_dates.h).
// Pure: no SQL; the sources themselves are gathered by audit.cc.
#include "store/audit_dates.h"

#include <chrono>
#include <regex>

namespace nianbao::store {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string two_digits(int value) {
  std::string digits = std::to_string(value);
  if (value < 10) digits.insert(digits.begin(), '0');
  return digits;
}

// YYYY-MM-DD from numbers, or nullopt when they are no calendar date of a plausible year.
std::optional<std::string> make_date(int year, int month, int day) {
  if (year < 1990 || year > 2100) return std::nullopt;
  std::string text = std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
  if (!is_calendar_date(text)) return std::nullopt;
  return text;
}

std::chrono::sys_days to_days(const std::string& date) {
  using namespace std::chrono;
  return sys_days(year_month_day(year(std::stoi(date.substr(0, 4))), month(std::stoul(date.substr(5, 2))),
                                 day(std::stoul(date.substr(8, 2)))));
}

// The patterns, finest first; each yields (year, month, day) from its groups (day 0: month only).
struct UrlDatePattern {
  std::regex pattern;
  bool has_day;
};

const std::vector<UrlDatePattern>& url_date_patterns() {
  static const std::vector<UrlDatePattern> patterns = {
      {std::regex(R"(/t((?:19|20)\d{2})(\d{2})(\d{2})_)"), true},        // TRS: /t20220128_123.html
      {std::regex(R"(/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/)"), true},  // Hanweb: /art/2022/1/28/
      {std::regex(R"(((?:19|20)\d{2})-(\d{2})-(\d{2}))"), true},         // 2022-01-28
      {std::regex(R"(/((?:19|20)\d{2})(\d{2})(\d{2})/)"), true},         // /20220128/
      {std::regex(R"(/((?:19|20)\d{2})(\d{2})/)"), false},               // /202201/ (month only)
  };
  return patterns;
}

}  // namespace

std::string audit_deadline(int report_year, bool government_report) {
  bool revised_rule = report_year >= 2019;  // 条例 2019 revision, in force 2019-05-15
  return std::to_string(report_year + 1) + (government_report || !revised_rule ? "-03-31" : "-01-31");
}

bool is_government_name(std::string_view agency_name) {
  return ends_with(agency_name, "人民政府") || ends_with(agency_name, "政府");
}

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  using namespace std::chrono;
  year_month_day date(year(std::stoi(std::string(text.substr(0, 4)))), month(std::stoul(std::string(text.substr(5, 2)))),
                      day(std::stoul(std::string(text.substr(8, 2)))));
  return date.ok();
}

std::optional<std::string> date_in_url(std::string_view url) {
  std::string text(url);
  for (const UrlDatePattern& candidate : url_date_patterns()) {
    std::smatch match;
    if (!std::regex_search(text, match, candidate.pattern)) continue;
    int day = candidate.has_day ? std::stoi(match[3].str()) : 1;
    if (auto date = make_date(std::stoi(match[1].str()), std::stoi(match[2].str()), day)) return date;
  }
  return std::nullopt;
}

long days_between(const std::string& from, const std::string& to) {
  return static_cast<long>((to_days(to) - to_days(from)).count());
}

std::optional<DatedSource> choose_publication_date(const std::vector<DatedSource>& candidates) {
  for (const DatedSource& candidate : candidates) {
    if (candidate.date.size() >= 10 && is_calendar_date(std::string_view(candidate.date).substr(0, 10))) {
      DatedSource chosen = candidate;
      chosen.date = candidate.date.substr(0, 10);
      return chosen;
    }
  }
  return std::nullopt;
}

}  // namespace nianbao::store
