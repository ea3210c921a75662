// What an HTML page says about itself: the article title (<meta name="ArticleTitle">, else the
// first part of <title>, else the first <h1>) and the publication date (<meta name="PubDate"> …).
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <vector>

namespace nianbao {

struct PageMetadata {
  std::string title;
  std::optional<std::string> published;  // YYYY-MM-DD
};

// The elements a page's metadata is read from: its <meta> elements in document order and its
// first <title>, wherever they are (walk_page in page_text.h finds them).
struct PageHead {
  std::vector<const GumboNode*> metas;
  const GumboNode* title = nullptr;
};

PageMetadata read_page_metadata(const PageHead& head);

// The first date (YYYY-MM-DD, also 年月日 and slashes) in `text`, normalized; nullopt when none.
std::optional<std::string> first_date(const std::string& text);

}  // namespace nianbao
