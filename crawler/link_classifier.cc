// Link classification rules (std::regex over UTF-8 bytes: the patterns are literal CJK strings and
// ASCII classes, which byte-wise matching handles correctly).
#include "crawler/link_classifier.h"

#include <algorithm>
#include <regex>
#include <string>

namespace nianbao::crawler {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_report_title(std::string_view text) {
  static const std::regex pattern("(19|20)[0-9]{2}\\s*年.*(信息公开|政务公开).*(年度报告|年报)");
  static const std::regex short_pattern("(19|20)[0-9]{2}\\s*年(度)?(政府)?(信息公开)?年报");
  std::string value(text);
  return std::regex_search(value, pattern) || std::regex_search(value, short_pattern);
}

bool is_report_column_name(std::string_view text) {
  if (text.empty() || text.size() > 120) return false;
  if (report_year_in_title(text) != 0) return false;
  if (contains(text, "报表")) return false;
  return contains(text, "信息公开年报") || contains(text, "信息公开年度报告") || contains(text, "公开年报") ||
         contains(text, "工作年度报告") || contains(text, "信息公开工作年度报告") || contains(text, "公开工作年报");
}

bool is_disclosure_hub_name(std::string_view text) {
  return text == "政府信息公开" || text == "信息公开" || text == "政务公开" || text == "政府信息公开专栏" ||
         text == "信息公开目录" || text == "政府信息公开目录";
}

bool is_attachment_url(std::string_view absolute_url) {
  static const std::regex extension(R"(\.(pdf|doc|docx|wps|xls|xlsx|et|rtf|ofd|zip)(\?|$))", std::regex::icase);
  std::string url = lowercase_ascii(absolute_url);
  std::string path = url.substr(0, url.find('?'));
  if (std::regex_search(path, extension)) return true;
  if (contains(url, "downfile.jsp") || contains(url, "/attachment/") || contains(url, "download.jsp")) return true;
  return contains(url, "downfile.jsp?") || (contains(url, "filename=") && std::regex_search(url, extension));
}

int report_year_in_title(std::string_view text) {
  static const std::regex pattern("((19|20)[0-9]{2})\\s*年");
  std::string value(text);
  std::smatch match;
  return std::regex_search(value, match, pattern) ? std::stoi(match[1].str()) : 0;
}

}  // namespace nianbao::crawler
