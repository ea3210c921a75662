// Hanweb jpage parsing. The datastore is XML whose records are CDATA-wrapped HTML; we read it with
// plain string scanning of the CDATA markers (the records themselves go to Gumbo afterwards).
#include "crawler/hanweb_jpage.h"

#include <curl/curl.h>

#include <cctype>
#include <map>

#include "crawler/script_numbers.h"
#include "crawler/url.h"

namespace nianbao::crawler {
namespace {

constexpr int kPagesPerGroup = 3;

std::string element_text(std::string_view xml, std::string_view tag, size_t& from) {
  std::string open = "<", close = "</";
  open.append(tag).push_back('>');
  close.append(tag).push_back('>');
  size_t start = xml.find(open, from);
  if (start == std::string_view::npos) return {};
  start += open.size();
  size_t end = xml.find(close, start);
  if (end == std::string_view::npos) return {};
  from = end + close.size();
  std::string_view inner = xml.substr(start, end - start);
  size_t cdata = inner.find("<![CDATA[");
  if (cdata != std::string_view::npos) {
    size_t cdata_end = inner.rfind("]]>");
    if (cdata_end != std::string_view::npos && cdata_end > cdata) return std::string(inner.substr(cdata + 9, cdata_end - cdata - 9));
  }
  return std::string(inner);
}

std::string url_decode(const std::string& text) {
  int length = 0;
  char* decoded = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &length);
  if (!decoded) return text;
  std::string out(decoded, static_cast<size_t>(length));
  curl_free(decoded);
  return out;
}

std::string url_encode(const std::string& text) {
  char* encoded = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
  if (!encoded) return text;
  std::string out(encoded);
  curl_free(encoded);
  return out;
}

std::map<std::string, std::string> query_fields(const std::string& query) {
  std::map<std::string, std::string> fields;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    size_t eq = pair.find('=');
    if (!pair.empty()) fields[url_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return fields;
}

// The href="…" value in a <nextgroup> snippet (a plain scan: no regex over untrusted text).
std::string href_in(std::string_view html) {
  for (size_t at = 0; at + 4 <= html.size(); ++at) {
    if (curl_strnequal(html.data() + at, "href", 4) == 0) continue;
    size_t next = at + 4;
    while (next < html.size() && std::isspace(static_cast<unsigned char>(html[next]))) ++next;
    if (next >= html.size() || html[next] != '=') continue;
    ++next;
    while (next < html.size() && std::isspace(static_cast<unsigned char>(html[next]))) ++next;
    if (next >= html.size() || (html[next] != '"' && html[next] != '\'')) continue;
    size_t close = html.find_first_of("\"'", next + 1);
    if (close == std::string_view::npos || close == next + 1) continue;
    return std::string(html.substr(next + 1, close - next - 1));
  }
  return "";
}

}  // namespace

std::optional<JpageDatastore> parse_jpage_datastore(std::string_view xml) {
  if (xml.find("<datastore>") == std::string_view::npos && xml.find("<recordset>") == std::string_view::npos)
    return std::nullopt;
  JpageDatastore store;
  size_t from = 0;
  store.nextgroup_href.clear();
  store.nextgroup_href = href_in(element_text(xml, "nextgroup", from));
  from = 0;
  if (auto total = small_number(element_text(xml, "totalrecord", from))) store.total_record = *total;
  from = 0;
  for (std::string record = element_text(xml, "record", from); !record.empty(); record = element_text(xml, "record", from))
    store.records.push_back(record);
  return store;
}

int jpage_per_page(std::string_view script_text) {
  return static_cast<int>(assigned_number(script_text, "perpage", NameCase::ignore, false).value_or(15));
}

std::optional<long> jpage_total_record(std::string_view script_text) {
  return assigned_number(script_text, "totalrecord", NameCase::ignore, false);
}

std::optional<JpageRequest> jpage_group_request(const std::string& nextgroup_url, long start_record, int per_page) {
  auto parts = parse_url(nextgroup_url);
  if (!parts || per_page <= 0) return std::nullopt;
  auto fields = query_fields(parts->query);
  long end_record = start_record + static_cast<long>(per_page) * kPagesPerGroup - 1;
  std::string base = parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port) + parts->path;
  JpageRequest request;
  request.url = base + "?startrecord=" + std::to_string(start_record) + "&endrecord=" + std::to_string(end_record) +
                "&perpage=" + std::to_string(per_page);
  auto field = [&](const char* name, const std::string& fallback) {
    auto found = fields.find(name);
    return url_encode(found != fields.end() ? found->second : fallback);
  };
  request.body = "col=1&appid=" + field("appid", "1") + "&webid=" + field("webid", "") + "&path=" + field("path", "/") +
                 "&columnid=" + field("columnid", "") + "&sourceContentType=1&unitid=" + field("unitid", "") +
                 "&webname=" + field("webname", "") + "&permissiontype=0";
  return request;
}

std::optional<JpageRequest> jpage_following_request(const std::string& request_url, const std::string& request_body,
                                                    long total_record) {
  auto parts = parse_url(request_url);
  if (!parts) return std::nullopt;
  auto fields = query_fields(parts->query);
  std::optional<long> end_field = small_number(fields["endrecord"]), per_page_field = small_number(fields["perpage"]);
  if (!end_field || !per_page_field) return std::nullopt;
  long end_record = *end_field;
  int per_page = static_cast<int>(*per_page_field);
  if (end_record >= total_record || per_page <= 0) return std::nullopt;
  long next_start = end_record + 1;
  std::string base = parts->scheme + "://" + parts->host + (parts->port.empty() ? "" : ":" + parts->port) + parts->path;
  JpageRequest request;
  request.url = base + "?startrecord=" + std::to_string(next_start) + "&endrecord=" +
                std::to_string(next_start + static_cast<long>(per_page) * kPagesPerGroup - 1) + "&perpage=" + std::to_string(per_page);
  request.body = request_body;
  return request;
}

bool is_jpage_dataproxy_url(std::string_view url) { return url.find("dataproxy.jsp") != std::string_view::npos; }

}  // namespace nianbao::crawler
