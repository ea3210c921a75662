// Finds the next list pages of a report column without running JavaScript: 下一页/尾页 links,
// index_N links, TRS createPageHTML in both numbering bases, `var countPage`, and the TRS
// "动静结合" listModel (recordCount / prepage / maxStaticIndex) that 平潭's portal uses.
#pragma once

#include <string>
#include <vector>

#include "crawler/html_page.h"

namespace nianbao::crawler {

// Absolute URLs of further list pages announced by `page`, fetched from `page_url`. Only pages
// after the current one are returned; at most `max_pages` pages are ever generated per column.
std::vector<std::string> next_list_pages(const HtmlPage& page, const std::string& page_url, int max_pages = 200);

}  // namespace nianbao::crawler
