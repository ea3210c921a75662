// String forms of the crawler's URL kinds, as stored in the frontier table.
#include "crawler/crawl_types.h"

#include <stdexcept>

namespace nianbao::crawler {

const char* to_string(UrlKind kind) {
  switch (kind) {
    case UrlKind::seed: return "seed";
    case UrlKind::hub: return "hub";
    case UrlKind::list: return "list";
    case UrlKind::report: return "report";
    case UrlKind::attachment: return "attachment";
  }
  return "seed";
}

UrlKind url_kind_from_string(const std::string& text) {
  if (text == "seed") return UrlKind::seed;
  if (text == "hub") return UrlKind::hub;
  if (text == "list") return UrlKind::list;
  if (text == "report") return UrlKind::report;
  if (text == "attachment") return UrlKind::attachment;
  throw std::invalid_argument("unknown URL kind in frontier: " + text);
}

}  // namespace nianbao::crawler
