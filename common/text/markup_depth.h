// A linear pre-scan of HTML markup that bounds how deep a parser would nest it, so that pages built
// to nest hundreds of thousands of elements are refused before Gumbo spends quadratic time on them.
#pragma once

#include <cstddef>
#include <string_view>

namespace nianbao {

// The highest count of start tags not yet matched by end tags, counting only elements that nothing
// but their own end tag closes (div, span, font, …: not p, li, td, void or self-closed elements).
// Comments, doctype, processing instructions and script/style contents are skipped.
size_t peak_unclosed_elements(std::string_view html);

}  // namespace nianbao
