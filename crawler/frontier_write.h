// A group of frontier writes: its own store transaction, or — while a batch is open — a part of that
// batch, committed with it (so the exchanges finished together cost one commit, not one each).
#pragma once

#include <memory>
#include <string>

#include "store/crawl_state.h"

namespace nianbao::crawler {

class FrontierWrite {
 public:
  FrontierWrite() = default;  // a part of the open batch: commit() is the batch's business
  // Its own transaction on `state`; when `batch_open` is given, it is the batch and the flag is set
  // until this write commits or dies (rolled back then, the batch with it).
  FrontierWrite(store::CrawlState& state, const std::string& purpose, bool* batch_open = nullptr);
  FrontierWrite(FrontierWrite&& other) noexcept;
  FrontierWrite& operator=(FrontierWrite&&) = delete;
  FrontierWrite(const FrontierWrite&) = delete;
  FrontierWrite& operator=(const FrontierWrite&) = delete;
  ~FrontierWrite();

  void commit();

 private:
  struct Own {
    store::Transaction transaction;
    Own(store::CrawlState& state, const std::string& purpose) : transaction(state.begin(purpose)) {}
  };
  void close_batch();

  std::unique_ptr<Own> own_;
  bool* batch_open_ = nullptr;
};

}  // namespace nianbao::crawler
