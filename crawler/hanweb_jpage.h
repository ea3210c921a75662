// Hanweb (大汉) jcms "jpage" lists: records kept as CDATA inside <script type="text/xml"><datastore>
// on the column page, and further groups served by /module/web/jpage/dataproxy.jsp (POST).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::crawler {

struct JpageDatastore {
  std::vector<std::string> records;  // each record's HTML fragment (<li><a href=…>title</a>…)
  std::string nextgroup_href;        // href inside <nextgroup>, "" when absent
  std::optional<long> total_record;  // <totalrecord> of a dataproxy answer
};

// Reads a <datastore> (from a script body or a whole dataproxy.jsp answer); nullopt if none.
std::optional<JpageDatastore> parse_jpage_datastore(std::string_view xml);

// perPage of the jpage call in a page's scripts (15 when not written), and the record total.
int jpage_per_page(std::string_view script_text);
std::optional<long> jpage_total_record(std::string_view script_text);

struct JpageRequest {
  std::string url;   // dataproxy.jsp?startrecord=S&endrecord=E&perpage=P
  std::string body;  // form fields: col, appid, webid, path, columnid, sourceContentType, unitid, webname, permissiontype
};

// The dataproxy request for the group starting at `start_record` (1-based), built from the absolute
// nextgroup URL (whose query carries webid/columnid/unitid) — groups are 3 pages of `per_page`.
std::optional<JpageRequest> jpage_group_request(const std::string& nextgroup_url, long start_record, int per_page);

// For a dataproxy request URL already fetched: the group after it, if `total_record` says there is one.
std::optional<JpageRequest> jpage_following_request(const std::string& request_url, const std::string& request_body,
                                                    long total_record);

bool is_jpage_dataproxy_url(std::string_view url);

}  // namespace nianbao::crawler
