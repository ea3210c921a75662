// What an HTML page says about itself: the article title (<meta name="ArticleTitle">, else the
// first part of <title>, else the first <h1>) and the publication date (<meta name="PubDate"> …).
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>

namespace nianbao {

struct PageMetadata {
  std::string title;
  std::optional<std::string> published;  // YYYY-MM-DD
};

PageMetadata read_page_metadata(const GumboNode* root);

// The first date (YYYY-MM-DD, also 年月日 and slashes) in `text`, normalized; nullopt when none.
std::optional<std::string> first_date(const std::string& text);

}  // namespace nianbao
