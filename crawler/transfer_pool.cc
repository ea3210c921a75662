// libcurl multi loop (curl_multi_perform + curl_multi_poll): one thread, many transfers.
// Connections are reused per host by the multi handle's connection cache.
#include "crawler/transfer_pool.h"

#include <stdexcept>
#include <string>

namespace nianbao::crawler {

TransferPool::TransferPool() {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  multi_ = initialised ? curl_multi_init() : nullptr;
  if (!multi_) throw std::runtime_error("cannot initialise libcurl's multi interface");
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
}

TransferPool::~TransferPool() {
  for (auto& [easy, entry] : transfers_) curl_multi_remove_handle(multi_, easy);
  transfers_.clear();
  curl_multi_cleanup(multi_);
}

void TransferPool::start(uint64_t token, const HttpRequest& request) {
  auto transfer = std::make_unique<HttpTransfer>(request);
  CURL* easy = transfer->easy();
  if (curl_multi_add_handle(multi_, easy) != CURLM_OK) throw std::runtime_error("cannot start a transfer for " + request.url);
  transfers_.emplace(easy, std::make_pair(token, std::move(transfer)));
}

std::vector<std::pair<uint64_t, HttpResponse>> TransferPool::wait(int timeout_ms) {
  int running = 0;
  curl_multi_perform(multi_, &running);
  std::vector<std::pair<uint64_t, HttpResponse>> finished;
  auto collect = [&] {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      auto found = transfers_.find(message->easy_handle);
      if (found == transfers_.end()) continue;
      curl_multi_remove_handle(multi_, message->easy_handle);
      finished.emplace_back(found->second.first, found->second.second->finish(message->data.result));
      transfers_.erase(found);
    }
  };
  collect();
  if (!finished.empty()) return finished;
  curl_multi_poll(multi_, nullptr, 0, timeout_ms, nullptr);
  curl_multi_perform(multi_, &running);
  collect();
  return finished;
}

}  // namespace nianbao::crawler
