// One HTTP exchange driven by the libcurl multi interface: request options (validators, timeouts,
// size cap, no automatic redirects), the body in memory (an anonymous temp file beyond 1 MiB), the headers kept.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace nianbao::crawler {

struct HttpRequest {
  std::string url;
  std::string method = "GET";  // GET or POST
  std::string body;            // form body for POST
  std::string if_none_match, if_modified_since;
  std::string user_agent;
  long connect_timeout_ms = 15000;
  long total_timeout_ms = 60000;
  long low_speed_bytes_per_second = 0;  // with low_speed_seconds > 0: abort a transfer slower than
  long low_speed_seconds = 0;           // this for that long (CURLE_OPERATION_TIMEDOUT)
  int64_t max_bytes = 100LL * 1024 * 1024;  // decoded body cap; larger bodies fail, never truncate silently
  int max_redirects = 0;                    // 0: redirects come back as 3xx (the engine schedules them)
};

struct HttpResponse {
  long status = 0;
  std::string final_url;
  std::string header_block;                                  // raw header lines of the last response
  std::vector<std::pair<std::string, std::string>> headers;  // lowercase name, value
  std::string body;
  CURLcode curl_code = CURLE_OK;
  std::string error;  // curl's message when curl_code != CURLE_OK
  bool size_capped = false;
  int64_t elapsed_ms = 0;

  // The first header with this lowercase name ("" when absent) and all values joined by "; ".
  std::string header(const std::string& name) const;
  std::string all_headers(const std::string& name) const;
};

class HttpTransfer {
 public:
  explicit HttpTransfer(const HttpRequest& request);
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  CURL* easy() const { return easy_; }
  // Called once curl reports the transfer done: takes the body (from memory or the spool file) and
  // fills the response.
  HttpResponse finish(CURLcode code);

  // A body stays in memory up to this size; a larger one (an attachment) moves to a temp file.
  static constexpr size_t kInMemoryBodyBytes = 1u << 20;

 private:
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);
  bool keep(const char* data, size_t length);
  bool read_back_spool(std::string& body);

  HttpRequest request_;
  CURL* easy_ = nullptr;
  curl_slist* header_list_ = nullptr;
  std::string in_memory_;          // the body while it is small
  std::FILE* spool_ = nullptr;     // the body once it outgrew kInMemoryBodyBytes (opened then)
  int64_t received_ = 0;
  bool capped_ = false;
  bool spool_failed_ = false;
  std::string header_block_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace nianbao::crawler
