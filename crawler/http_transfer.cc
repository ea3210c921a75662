// libcurl easy-handle setup for one exchange (see http_transfer.h). Redirects are not followed by
// curl: the engine schedules each hop itself so politeness and scope apply to every request.
#include "crawler/http_transfer.h"

#include <algorithm>
#include <stdexcept>

namespace nianbao::crawler {
namespace {

std::string lowercase_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return "";
}

std::string HttpResponse::all_headers(const std::string& name) const {
  std::string joined;
  for (const auto& [key, value] : headers)
    if (key == name) joined += (joined.empty() ? "" : "; ") + value;
  return joined;
}

HttpTransfer::HttpTransfer(const HttpRequest& request) : request_(request) {
  easy_ = curl_easy_init();
  if (!easy_) throw std::runtime_error("cannot set up a transfer for " + request.url + " (curl handle)");
  curl_easy_setopt(easy_, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, request_.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(easy_, CURLOPT_MAXREDIRS, static_cast<long>(request_.max_redirects));
  curl_easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes: gzip, deflate, br, zstd
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, request_.user_agent.c_str());
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, request_.connect_timeout_ms);
  curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, request_.total_timeout_ms);
  if (request_.low_speed_seconds > 0 && request_.low_speed_bytes_per_second > 0) {
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT, request_.low_speed_bytes_per_second);
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME, request_.low_speed_seconds);
  }
  curl_easy_setopt(easy_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request_.max_bytes));
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &HttpTransfer::on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &HttpTransfer::on_header);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  header_list_ = curl_slist_append(header_list_, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  header_list_ = curl_slist_append(header_list_, "Accept-Language: zh-CN,zh;q=0.9,en;q=0.5");
  if (!request_.if_none_match.empty())
    header_list_ = curl_slist_append(header_list_, ("If-None-Match: " + request_.if_none_match).c_str());
  if (!request_.if_modified_since.empty())
    header_list_ = curl_slist_append(header_list_, ("If-Modified-Since: " + request_.if_modified_since).c_str());
  if (request_.method == "POST") {
    header_list_ = curl_slist_append(header_list_, "Content-Type: application/x-www-form-urlencoded; charset=UTF-8");
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE, static_cast<long>(request_.body.size()));
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, request_.body.c_str());
  }
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
}

HttpTransfer::~HttpTransfer() {
  curl_easy_cleanup(easy_);
  curl_slist_free_all(header_list_);
  if (spool_) std::fclose(spool_);
}

// Appends to the in-memory body, moving it to a temp file when it would outgrow kInMemoryBodyBytes.
bool HttpTransfer::keep(const char* data, size_t length) {
  if (!spool_ && in_memory_.size() + length <= kInMemoryBodyBytes) {
    in_memory_.append(data, length);
    return true;
  }
  if (!spool_) {
    spool_ = std::tmpfile();
    if (!spool_ || std::fwrite(in_memory_.data(), 1, in_memory_.size(), spool_) != in_memory_.size()) return false;
    std::string().swap(in_memory_);
  }
  return std::fwrite(data, 1, length, spool_) == length;
}

bool HttpTransfer::read_back_spool(std::string& body) {
  body.resize(static_cast<size_t>(received_));
  std::rewind(spool_);
  return std::fread(body.data(), 1, body.size(), spool_) == body.size();
}

size_t HttpTransfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  size_t length = size * count;
  if (transfer->received_ + static_cast<int64_t>(length) > transfer->request_.max_bytes) {
    transfer->capped_ = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  if (!transfer->keep(data, length)) {
    transfer->spool_failed_ = true;
    return 0;
  }
  transfer->received_ += static_cast<int64_t>(length);
  return length;
}

size_t HttpTransfer::on_header(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) transfer->header_block_.clear();  // a new response (e.g. after 100 Continue)
  transfer->header_block_ += line;
  return size * count;
}

HttpResponse HttpTransfer::finish(CURLcode code) {
  HttpResponse response;
  response.curl_code = code;
  response.size_capped = capped_ || code == CURLE_FILESIZE_EXCEEDED;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &response.status);
  char* effective = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &effective);
  response.final_url = effective ? effective : request_.url;
  curl_off_t total_us = 0;
  curl_easy_getinfo(easy_, CURLINFO_TOTAL_TIME_T, &total_us);
  response.elapsed_ms = static_cast<int64_t>(total_us / 1000);
  if (code != CURLE_OK) {
    response.error = error_buffer_[0] ? error_buffer_ : curl_easy_strerror(code);
    if (response.size_capped) response.error = "body larger than the cap of " + std::to_string(request_.max_bytes) + " bytes";
    if (spool_failed_) response.error = "cannot write the body to the temp file";
  }
  response.header_block = header_block_;
  size_t start = 0;
  while (start < header_block_.size()) {
    size_t end = header_block_.find('\n', start);
    std::string line = header_block_.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? header_block_.size() : end + 1;
    size_t colon = line.find(':');
    if (colon == std::string::npos || line.rfind("HTTP/", 0) == 0) continue;
    response.headers.emplace_back(lowercase_ascii(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  }
  if (code == CURLE_OK && !spool_) {
    response.body = std::move(in_memory_);
  } else if (code == CURLE_OK) {
    if (!read_back_spool(response.body)) {
      response.curl_code = CURLE_READ_ERROR;
      response.error = "cannot read the body back from the temp file";
      response.body.clear();
    }
  }
  return response;
}

}  // namespace nianbao::crawler
