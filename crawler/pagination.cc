// Pagination rules. createPageHTML(count, current, "index", "html") is 0-based (index.html,
// index_1 … index_{count-1}); createPageHTML('page_div', count, current, 'fg', 'shtml', total) is
// 1-based (fg.shtml, fg_2 … fg_count). Arguments written as variables are looked up in the script.
#include "crawler/pagination.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "crawler/script_numbers.h"
#include "crawler/url.h"

namespace nianbao::crawler {
namespace {

struct PageName {
  std::string stem;       // "index"
  std::string extension;  // "html"
  int number = 0;         // 0 for index.html, N for index_N.html
};

// List page file names are short; longer segments are not matched (std::regex recurses per
// character, so unbounded input could exhaust the stack).
constexpr size_t kMaxPageNameBytes = 128;

std::optional<PageName> page_name_of(const std::string& url) {
  auto parts = parse_url(url);
  if (!parts) return std::nullopt;
  static const std::regex pattern(R"(^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z]+[A-Za-z0-9]*)*)(?:_(\d+))?\.([A-Za-z]+)$)");
  std::string segment = last_path_segment(parts->path);
  if (segment.size() > kMaxPageNameBytes) return std::nullopt;
  std::smatch match;
  if (!std::regex_match(segment, match, pattern)) return std::nullopt;
  std::optional<long> number = match[2].matched ? small_number(match[2].str()) : 0L;
  if (!number) return std::nullopt;
  return PageName{match[1].str(), match[3].str(), static_cast<int>(*number)};
}

std::string sibling(const std::string& url, const std::string& file) { return resolve_url(url, file).value_or(""); }

std::string numbered_file(const std::string& stem, int number, const std::string& extension) {
  return number == 0 ? stem + "." + extension : stem + "_" + std::to_string(number) + "." + extension;
}

std::optional<long> number_variable(const std::string& script, const std::string& name) {
  return assigned_number(script, name, NameCase::exact, true);
}

// One argument of a JS call: a number, a quoted string, or a variable assigned a number.
std::string argument_value(const std::string& raw, const std::string& script) {
  std::string arg = raw;
  arg.erase(0, arg.find_first_not_of(" \t\r\n"));
  arg.erase(arg.find_last_not_of(" \t\r\n") + 1);
  if (arg.size() >= 2 && (arg.front() == '"' || arg.front() == '\'')) return arg.substr(1, arg.size() - 2);
  if (!arg.empty() && std::isdigit(static_cast<unsigned char>(arg.front()))) return arg;
  if (auto value = number_variable(script, arg)) return std::to_string(*value);
  return arg;
}

std::vector<std::string> call_arguments(const std::string& script, const std::string& function, size_t& from) {
  size_t at = script.find(function + "(", from);
  if (at == std::string::npos) return {};
  size_t open = at + function.size() + 1, close = script.find(')', open);
  if (close == std::string::npos) return {};
  from = close;
  std::vector<std::string> args;
  std::string inside = script.substr(open, close - open);
  size_t start = 0;
  for (size_t comma; (comma = inside.find(',', start)) != std::string::npos; start = comma + 1)
    args.push_back(argument_value(inside.substr(start, comma - start), script));
  args.push_back(argument_value(inside.substr(start), script));
  return args;
}

bool is_number(const std::string& text) { return small_number(text).has_value() && text.find_first_of(" \t\r\n") == std::string::npos; }

int as_int(const std::string& text) { return static_cast<int>(small_number(text).value_or(0)); }

// createPageHTML in either form; appends the next page when there is one.
void from_create_page_html(const std::string& script, const std::string& url, int max_pages, std::vector<std::string>& out) {
  size_t from = 0;
  for (auto args = call_arguments(script, "createPageHTML", from); !args.empty();
       args = call_arguments(script, "createPageHTML", from)) {
    if (args.size() >= 4 && is_number(args[0]) && is_number(args[1])) {  // classic, 0-based
      int count = std::min(as_int(args[0]), max_pages), current = as_int(args[1]);
      if (current + 1 < count) out.push_back(sibling(url, numbered_file(args[2], current + 1, args[3])));
    } else if (args.size() >= 5 && is_number(args[1]) && is_number(args[2])) {  // 'page_div' form, 1-based
      int count = std::min(as_int(args[1]), max_pages), current = std::max(1, as_int(args[2]));
      if (current < count) out.push_back(sibling(url, numbered_file(args[3], current + 1, args[4])));
    }
  }
}

// `var countPage = N; var currentPage = M;` without a createPageHTML call: 0-based siblings.
void from_count_page_variables(const std::string& script, const std::string& url, int max_pages, std::vector<std::string>& out) {
  auto count = number_variable(script, "countPage");
  auto name = page_name_of(url);
  if (!count || !name || script.find("createPageHTML") != std::string::npos) return;
  long current = number_variable(script, "currentPage").value_or(name->number);
  if (current + 1 < std::min<long>(*count, max_pages)) out.push_back(sibling(url, numbered_file(name->stem, static_cast<int>(current + 1), name->extension)));
}

// TRS "动静结合" lists: static pages index.htm … index_{maxStaticIndex}.htm, page count from
// recordCount / prepage. Pages beyond maxStaticIndex come only from the TRS search API.
void from_trs_list_model(const std::string& script, const std::string& url, const std::string& fallback_extension,
                         std::vector<std::string>& out) {
  auto records = number_variable(script, "recordCount");
  auto per_page = number_variable(script, "prepage");
  if (!records || !per_page || *per_page <= 0) return;
  long pages = (*records + *per_page - 1) / *per_page;
  long max_static = number_variable(script, "maxStaticIndex").value_or(pages - 1);
  auto name = page_name_of(url);
  std::string stem = name ? name->stem : "index";
  std::string extension = name ? name->extension : fallback_extension;
  int current = name ? name->number : 0;
  long last = std::min(pages - 1, max_static);
  if (current + 1 <= last) out.push_back(sibling(url, numbered_file(stem, current + 1, extension)));
}

bool is_next_page_text(const std::string& text) {
  return text == "下一页" || text == "下页" || text == "尾页" || text == "末页" || text == "下一页>" ||
         text == "下一页 >" || text == "下一页»" || text == ">" || text == "Next";
}

bool is_numbered_list_file(const std::string& url) {
  auto parts = parse_url(url);
  if (!parts) return false;
  static const std::regex pattern(R"(^(index|list|home|common_list|default)_\d+\.s?html?$)", std::regex::icase);
  std::string segment = last_path_segment(parts->path);
  return segment.size() <= kMaxPageNameBytes && std::regex_match(segment, pattern);
}

// The extension most same-directory links use (".htm" on 平潭), for directory-style list URLs.
std::string common_link_extension(const HtmlPage& page, const std::string& url) {
  std::map<std::string, int> counts;
  for (const Anchor& anchor : page.anchors) {
    auto absolute = resolve_url(url, anchor.href);
    if (!absolute) continue;
    if (auto name = page_name_of(*absolute)) ++counts[name->extension];
  }
  std::string best = "html";
  int best_count = 0;
  for (const auto& [extension, count] : counts)
    if (count > best_count) best = extension, best_count = count;
  return best;
}

}  // namespace

std::vector<std::string> next_list_pages(const HtmlPage& page, const std::string& page_url, int max_pages) {
  std::vector<std::string> found;
  for (const Anchor& anchor : page.anchors) {
    auto absolute = resolve_url(page_url, anchor.href);
    if (!absolute) continue;
    if (is_next_page_text(anchor.text) || is_numbered_list_file(*absolute)) found.push_back(*absolute);
  }
  std::string extension = common_link_extension(page, page_url);
  for (const Script& script : page.scripts) {
    if (script.type.find("xml") != std::string::npos) continue;
    from_create_page_html(script.text, page_url, max_pages, found);
    from_count_page_variables(script.text, page_url, max_pages, found);
    from_trs_list_model(script.text, page_url, extension, found);
  }
  std::set<std::string> seen{page_url};
  std::vector<std::string> unique;
  for (std::string& url : found)
    if (!url.empty() && seen.insert(url).second) unique.push_back(std::move(url));
  return unique;
}

}  // namespace nianbao::crawler
