// Challenge detection from status codes, cookie names and body markers (see portals.md §2.7).
// Markers are looked for only in small bodies: real report pages are large and never match.
#include "crawler/challenge.h"

namespace nianbao::crawler {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

std::optional<std::string> detect_challenge(long status, std::string_view set_cookie, std::string_view body) {
  std::string_view head = body.substr(0, 64 * 1024);
  bool small_body = body.size() < 64 * 1024;
  if (contains(set_cookie, "__jsluid") || contains(set_cookie, "__jsl_clearance") || contains(head, "__jsl_clearance"))
    if (status == 521 || small_body) return "jiasule";
  if (status == 521) return "jiasule";
  if (contains(head, "wzwschallenge") || contains(head, "wzwsconfirm") || contains(set_cookie, "wzws_cid"))
    return "wzws";
  if (small_body && (contains(head, "$_ts") || contains(head, "r='m'") || contains(head, "r=\"m\"")))
    return "ruishu";
  if (status == 412) return "ruishu";
  if (small_body && contains(head, "acw_sc__v2")) return "acw";
  if (small_body && body.size() < 4096 && (contains(head, "请开启JavaScript") || contains(head, "请启用JavaScript")))
    return "js-required";
  return std::nullopt;
}

}  // namespace nianbao::crawler
