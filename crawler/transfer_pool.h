// The crawler's single event loop over the network: a libcurl multi handle that runs every
// transfer at once, so a slow host only ever occupies its own transfer.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "crawler/http_transfer.h"

namespace nianbao::crawler {

class TransferPool {
 public:
  TransferPool();
  ~TransferPool();
  TransferPool(const TransferPool&) = delete;
  TransferPool& operator=(const TransferPool&) = delete;

  // Starts a transfer; `token` comes back with its response.
  void start(uint64_t token, const HttpRequest& request);
  // Drives all transfers for up to `timeout_ms` (returns early when one completes) and returns the
  // transfers that finished.
  std::vector<std::pair<uint64_t, HttpResponse>> wait(int timeout_ms);
  size_t active() const { return transfers_.size(); }

 private:
  CURLM* multi_ = nullptr;
  std::map<CURL*, std::pair<uint64_t, std::unique_ptr<HttpTransfer>>> transfers_;
};

}  // namespace nianbao::crawler
