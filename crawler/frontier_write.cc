// FrontierWrite (see frontier_write.h): a transaction of its own, or nothing inside an open batch;
// the batch's flag is cleared when the batch commits or is rolled back.
#include "crawler/frontier_write.h"

#include <utility>

namespace nianbao::crawler {

FrontierWrite::FrontierWrite(store::CrawlState& state, const std::string& purpose, bool* batch_open)
    : own_(std::make_unique<Own>(state, purpose)), batch_open_(batch_open) {
  if (batch_open_) *batch_open_ = true;
}

FrontierWrite::FrontierWrite(FrontierWrite&& other) noexcept
    : own_(std::move(other.own_)), batch_open_(std::exchange(other.batch_open_, nullptr)) {}

FrontierWrite::~FrontierWrite() { close_batch(); }

void FrontierWrite::commit() {
  if (own_) own_->transaction.commit();
  close_batch();
}

void FrontierWrite::close_batch() {
  if (batch_open_) *batch_open_ = false;
  batch_open_ = nullptr;
}

}  // namespace nianbao::crawler
