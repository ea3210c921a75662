// Discovery rules per page role (see discovery.h). Link text and title attributes decide what a
// link is; Hanweb records hidden in XML datastores are decoded on purpose and parsed as HTML.
#include "crawler/discovery.h"

#include <set>
#include <string_view>

#include "common/text/markup_depth.h"

#include "crawler/charset.h"
#include "crawler/document_type.h"
#include "crawler/hanweb_jpage.h"
#include "crawler/html_page.h"
#include "crawler/link_classifier.h"
#include "crawler/pagination.h"
#include "crawler/url.h"

namespace nianbao::crawler {
namespace {

std::string base_for(const HtmlPage& html, const std::string& page_url) {
  if (html.base_href.empty()) return page_url;
  return resolve_url(page_url, html.base_href).value_or(page_url);
}

std::string directory_of(const std::string& url) {
  size_t query = url.find('?');
  std::string path = url.substr(0, query);
  return path.substr(0, path.rfind('/') + 1);
}

std::string anchor_label(const Anchor& anchor) {
  if (is_report_title(anchor.title)) return anchor.title;
  return anchor.text.empty() ? anchor.title : anchor.text;
}

class Collector {
 public:
  explicit Collector(PageDiscovery& out) : out_(out) {}
  void add(const std::string& url, UrlKind kind, const std::string& text) {
    if (seen_.insert(url).second) out_.links.push_back({url, "GET", "", kind, text});
  }
  void add_page(DiscoveredLink link) {
    if (seen_.insert(link.method + link.url + link.body).second) out_.next_pages.push_back(std::move(link));
  }

 private:
  PageDiscovery& out_;
  std::set<std::string> seen_;
};

// Report links (by anchor text or title) and the column's other items, from a list page's anchors.
void collect_report_links(const std::vector<Anchor>& anchors, const std::string& base, const std::string& list_dir,
                          Collector& collector, PageDiscovery& out) {
  for (const Anchor& anchor : anchors) {
    auto url = resolve_url(base, anchor.href);
    if (!url) continue;
    std::string label = anchor_label(anchor);
    if (is_report_title(anchor.text) || is_report_title(anchor.title)) {
      collector.add(*url, is_attachment_url(*url) ? UrlKind::attachment : UrlKind::report, label);
      out.item_urls.push_back(*url);
    } else if (url->rfind(list_dir, 0) == 0 && *url != list_dir) {
      out.item_urls.push_back(*url);
    }
  }
}

// Hanweb jpage: records inside <script type="text/xml"> (or a whole dataproxy answer).
void collect_jpage(const JpageDatastore& store, const std::string& base, const std::string& page_url,
                   const FetchedPage& page, int per_page, Collector& collector, PageDiscovery& out) {
  for (const std::string& record : store.records) {
    HtmlPage fragment = parse_html(record);
    collect_report_links(fragment.anchors, base, "\x01", collector, out);
    for (const Anchor& anchor : fragment.anchors)
      if (auto url = resolve_url(base, anchor.href)) out.item_urls.push_back(*url);
  }
  std::optional<JpageRequest> next;
  if (is_jpage_dataproxy_url(page_url) && store.total_record) {
    next = jpage_following_request(page_url, page.request_body, *store.total_record);
  } else if (!store.nextgroup_href.empty()) {
    if (auto nextgroup = resolve_url(base, store.nextgroup_href))
      next = jpage_group_request(*nextgroup, static_cast<long>(store.records.size()) + 1, per_page);
  }
  if (next) collector.add_page({next->url, "POST", next->body, UrlKind::list, "jpage dataproxy"});
}

void discover_on_list(const HtmlPage& html, const FetchedPage& page, const std::string& base, Collector& collector,
                      PageDiscovery& out) {
  collect_report_links(html.anchors, base, directory_of(page.url), collector, out);
  int per_page = 15;
  for (const Script& script : html.scripts)
    if (script.type.find("xml") == std::string::npos && script.text.find("jpage") != std::string::npos)
      per_page = jpage_per_page(script.text);
  for (const Script& script : html.scripts) {
    if (script.type.find("xml") == std::string::npos) continue;
    if (auto store = parse_jpage_datastore(script.text)) collect_jpage(*store, base, page.url, page, per_page, collector, out);
  }
  for (const std::string& next : next_list_pages(html, page.url, page.max_list_pages))
    collector.add_page({next, "GET", "", UrlKind::list, "next page"});
}

void discover_on_entry(const HtmlPage& html, const FetchedPage& page, const std::string& base, Collector& collector,
                       PageDiscovery& out) {
  for (const Anchor& anchor : html.anchors) {
    auto url = resolve_url(base, anchor.href);
    if (!url) continue;
    if (is_report_column_name(anchor.text) || (anchor.text.empty() && is_report_column_name(anchor.title)))
      collector.add(*url, UrlKind::list, anchor.text.empty() ? anchor.title : anchor.text);
    else if (page.kind == UrlKind::seed && is_disclosure_hub_name(anchor.text))
      collector.add(*url, UrlKind::hub, anchor.text);
  }
  bool is_itself_a_column = is_report_column_name(out.column_name) ||
                            (html.metas.count("columntype") && is_report_column_name(html.metas.at("columntype")));
  if (is_itself_a_column) discover_on_list(html, page, base, collector, out);
  else collect_report_links(html.anchors, base, "\x01", collector, out);
}

// Lowercase marks of is_attachment_url (link_classifier.cc) and of references that could spell one.
constexpr std::string_view kAttachmentMarks[] = {".pdf", ".doc", ".wps", ".xls", ".et", ".rtf", ".ofd", ".zip",
                                                 "downfile.jsp", "download.jsp", "/attachment/", "&#", "&period", "&sol"};

// A page this shallow cannot be refused as too deep by parse_html, whatever Gumbo adds to it.
constexpr size_t kSurelyShallow = kMaxElementDepth / 4;

bool has_attachment_mark(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view mark : kAttachmentMarks)
    if (lower.find(mark) != std::string::npos) return true;
  return false;
}

void discover_on_report(const HtmlPage& html, const std::string& base, Collector& collector) {
  for (const Anchor& anchor : html.anchors) {
    auto url = resolve_url(base, anchor.href);
    if (url && is_attachment_url(*url)) collector.add(*url, UrlKind::attachment, html.title);
  }
}

}  // namespace

bool report_page_may_have_links(const FetchedPage& page, const DecodedPage& text) {
  if (page.kind != UrlKind::report || is_jpage_dataproxy_url(page.url)) return true;
  if (sniff_document_type(page.bytes) != DocumentType::html) return true;
  if (has_attachment_mark(page.url) || has_attachment_mark(text.utf8)) return true;
  return peak_unclosed_elements(text.utf8) > kSurelyShallow;
}

DecodedPage decode_fetched_page(const FetchedPage& page) {
  if (page.kind == UrlKind::attachment) return {};
  return decode_page(page.bytes, page.content_type);
}

PageDiscovery discover_links(const FetchedPage& page) { return discover_links(page, decode_fetched_page(page)); }

PageDiscovery discover_links(const FetchedPage& page, const DecodedPage& text) {
  PageDiscovery out;
  if (page.kind == UrlKind::attachment) return out;
  Collector collector(out);
  DocumentType type = sniff_document_type(page.bytes);
  out.charset = text.charset;
  if (type == DocumentType::xml || is_jpage_dataproxy_url(page.url)) {
    if (auto store = parse_jpage_datastore(text.utf8)) {
      collect_jpage(*store, page.url, page.url, page, 15, collector, out);
      return out;
    }
  }
  if (type != DocumentType::html && type != DocumentType::text) return out;
  HtmlPage html = parse_html(text.utf8);
  out.title = html.title;
  if (html.metas.count("columnname")) out.column_name = html.metas.at("columnname");
  if (html.metas.count("siteidcode")) out.site_id_code = html.metas.at("siteidcode");
  std::string base = base_for(html, page.url);
  switch (page.kind) {
    case UrlKind::seed:
    case UrlKind::hub: discover_on_entry(html, page, base, collector, out); break;
    case UrlKind::list: discover_on_list(html, page, base, collector, out); break;
    case UrlKind::report: discover_on_report(html, base, collector); break;
    case UrlKind::attachment: break;
  }
  return out;
}

}  // namespace nianbao::crawler
