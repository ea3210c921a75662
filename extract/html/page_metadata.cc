// Government sites built to the 2017 website guidelines carry ArticleTitle / PubDate metas; older
// CMSs only have <title> ("标题_栏目_站点") and a 发布日期 line, which the reader falls back to.
#include "extract/html/page_metadata.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

#include "extract/html/gumbo_document.h"
#include "extract/html/node_text.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string meta_content(const std::vector<const GumboNode*>& metas, std::initializer_list<const char*> names) {
  for (const char* wanted : names) {
    for (const GumboNode* meta : metas) {
      if (lowercase(attribute(meta, "name")) == lowercase(wanted)) {
        std::string content = normalize_string(attribute(meta, "content"));
        if (!content.empty()) return content;
      }
    }
  }
  return "";
}

std::string title_from_title_element(const GumboNode* title_element) {
  if (title_element == nullptr) return "";
  std::string title = normalize_string(node_text(title_element).text);
  size_t cut = title.find('_');
  if (cut != std::string::npos) title = title.substr(0, cut);
  return title;
}

}  // namespace

std::optional<std::string> first_date(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8("((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})"), 0, status));
  if (!pattern) return std::nullopt;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(unicode, status));
  if (U_FAILURE(status) || !matcher->find(status)) return std::nullopt;
  auto group = [&](int i) {
    std::string out;
    matcher->group(i, status).toUTF8String(out);
    return std::stoi(out);
  };
  int year = group(1), month = group(2), day = group(3);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

PageMetadata read_page_metadata(const PageHead& head) {
  PageMetadata metadata;
  metadata.title = meta_content(head.metas, {"ArticleTitle", "title", "og:title"});
  if (metadata.title.empty()) metadata.title = title_from_title_element(head.title);
  std::string date = meta_content(head.metas, {"PubDate", "publishdate", "firstpublishedtime", "pubdate", "date"});
  if (!date.empty()) metadata.published = first_date(date);
  return metadata;
}

}  // namespace nianbao
