// Response classification (see response_verdict.h). Transport errors worth retrying are timeouts,
// refused/reset connections and truncated bodies; a body over the size cap is final.
#include "crawler/response_verdict.h"

#include <curl/curl.h>

#include <cctype>
#include <ctime>

#include "crawler/challenge.h"

namespace nianbao::crawler {

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok: return "ok";
    case Verdict::not_modified: return "not_modified";
    case Verdict::redirect: return "redirect";
    case Verdict::retry_url: return "retry";
    case Verdict::backoff_host: return "backoff";
    case Verdict::challenge: return "challenge";
    case Verdict::gone: return "gone";
    case Verdict::failed: return "failed";
  }
  return "failed";
}

std::optional<double> parse_retry_after(const std::string& value, double now_unix) {
  if (value.empty()) return std::nullopt;
  bool all_digits = true;
  for (char c : value) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  if (all_digits && value.size() < 10) return std::stod(value);
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  double seconds = static_cast<double>(when) - now_unix;
  return seconds > 0 ? seconds : 0.0;
}

namespace {

bool is_retryable_transport_error(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

}  // namespace

ResponseVerdict judge_response(const std::string& url, const HttpResponse& response) {
  ResponseVerdict result;
  if (response.curl_code != CURLE_OK) {
    result.reason = url + ": " + response.error;
    if (response.size_capped) result.verdict = Verdict::failed;
    else result.verdict = is_retryable_transport_error(response.curl_code) ? Verdict::retry_url : Verdict::failed;
    return result;
  }
  long status = response.status;
  std::string status_text = url + ": HTTP " + std::to_string(status);
  if (auto label = detect_challenge(status, response.all_headers("set-cookie"), response.body)) {
    result.verdict = Verdict::challenge;
    result.challenge = *label;
    result.reason = status_text + " challenge (" + *label + ")";
    return result;
  }
  if (status >= 200 && status < 300) return {Verdict::ok, "", std::nullopt, "", ""};
  if (status == 304) return {Verdict::not_modified, "", std::nullopt, "", ""};
  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
    result.location = response.header("location");
    result.verdict = result.location.empty() ? Verdict::failed : Verdict::redirect;
    result.reason = status_text + (result.location.empty() ? " redirect without Location" : " -> " + result.location);
    return result;
  }
  result.reason = status_text;
  if (status == 429 || status == 503) {
    result.verdict = Verdict::backoff_host;
    result.retry_after_s = parse_retry_after(response.header("retry-after"), static_cast<double>(std::time(nullptr)));
    return result;
  }
  if (status == 408 || status == 500 || status == 502 || status == 504 || status == 522 || status == 524) {
    result.verdict = Verdict::retry_url;
    return result;
  }
  result.verdict = (status >= 400 && status < 500) ? Verdict::gone : Verdict::failed;
  return result;
}

}  // namespace nianbao::crawler
