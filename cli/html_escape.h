// Text and links made safe for an HTML page: escaping for text and attribute values (invalid
// UTF-8 and control characters replaced), and hrefs limited to schemes a reader can follow.
#pragma once

#include <string>
#include <string_view>

namespace nianbao::cli {

// Escapes & < > " ' so the result is safe both as element text and inside a quoted attribute;
// invalid UTF-8 becomes U+FFFD and C0 controls other than tab and line breaks are dropped.
std::string html_escape(std::string_view text);

// An href for a source: http(s) URLs as they are (spaces and controls percent-encoded), an
// absolute file path as a file:// URL; "" for anything else (javascript:, data:, relative paths).
std::string source_href(std::string_view url);

// An href the program itself made relative to the page (e.g. "sources/ab12.pdf"): kept relative,
// with bytes that cannot stand in a URL percent-encoded; "" when it has a scheme or is absolute.
std::string relative_href(std::string_view path);

}  // namespace nianbao::cli
