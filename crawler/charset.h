// Charset of fetched pages: the charset parameter of a Content-Type header, and the page decoded by
// the project's one decoder (common/text/html_charset.h: BOM > header > <meta> > detection).
#pragma once

#include <string>
#include <string_view>

namespace nianbao::crawler {

struct DecodedPage {
  std::string utf8;     // the page as UTF-8
  std::string charset;  // the charset it was decoded from ("UTF-8", "GB18030", …)
};

// The charset parameter of a Content-Type header value, canonicalised ("" when absent).
std::string charset_from_content_type(std::string_view content_type);

// Decodes a fetched page; never fails (undecodable bytes become U+FFFD).
DecodedPage decode_page(std::string_view bytes, std::string_view content_type);

}  // namespace nianbao::crawler
