// Recognises anti-bot challenge pages (瑞数 412/202 + $_ts, 加速乐 521 + __jsl_clearance, WZWS, acw_sc__v2,
// "请开启JavaScript", script-only cookie interstitials) so the engine labels them and backs off.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nianbao::crawler {

// Returns a label ("ruishu", "jiasule", "wzws", "acw", "js-required", "cookie-script") when the
// response is a challenge, nullopt otherwise. "cookie-script": a small page (any status, 200
// included) with almost no visible text whose script sets document.cookie and reloads or
// navigates (location.reload/href/replace/assign). `set_cookie` is the concatenation of all Set-Cookie values.
// Never attempts to solve anything: detection only.
std::optional<std::string> detect_challenge(long status, std::string_view set_cookie, std::string_view body);

}  // namespace nianbao::crawler
