// Discovery: from one fetched page, the links worth fetching next, by the page's role — a seed or
// hub (find the report column), a list page (report links, jpage records, further list pages), a
// report page (its attachments, one hop). Pure: bytes in, links out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crawler/charset.h"
#include "crawler/crawl_types.h"

namespace nianbao::crawler {

struct PageDiscovery {
  std::vector<DiscoveredLink> links;       // reports, attachments, columns, hubs
  std::vector<DiscoveredLink> next_pages;  // further list pages of the same column (pagination)
  std::vector<std::string> item_urls;      // the column items seen on a list page (to tell "nothing new")
  std::string charset;                     // the charset the page was decoded from
  std::string title;
  std::string column_name;                 // <meta ColumnName>
  std::string site_id_code;                // <meta SiteIDCode>
};

struct FetchedPage {
  UrlKind kind = UrlKind::list;
  std::string url;           // the URL that was requested
  std::string request_body;  // its POST body (Hanweb dataproxy), "" for GET
  std::string_view bytes;
  std::string content_type;  // from the response header
  int max_list_pages = 200;
};

// The page decoded to UTF-8 with the charset it was read as; empty for attachments (never read).
DecodedPage decode_fetched_page(const FetchedPage& page);

// Discovery over a page already decoded by decode_fetched_page. Throws HtmlTooDeep (html_page.h)
// for a page nested too deep to process.
PageDiscovery discover_links(const FetchedPage& page, const DecodedPage& text);
// Both steps at once.
PageDiscovery discover_links(const FetchedPage& page);

// False when discover_links would find no link on a report page without parsing it: an HTML page
// (not a Hanweb datastore) whose URL and text hold none of the marks an attachment URL needs
// (is_attachment_url: extensions, download endpoints), no character reference that could spell
// one, and whose markup is shallow (so the parse could not refuse it as too deep). A report page
// links only attachments, and most link none: this spares them the parse.
bool report_page_may_have_links(const FetchedPage& page, const DecodedPage& text);

}  // namespace nianbao::crawler
