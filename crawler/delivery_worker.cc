// DeliveryWorker: a byte-bounded job queue, preparing threads running a split sink's first half ahead,
// one delivery thread storing in fetch order, and the outcome list the crawl loop drains.
#include "crawler/delivery_worker.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "common/ordered_pool.h"

namespace nianbao::crawler {
namespace {

// Prepared results (extractions) waiting for the delivery thread, per preparing thread.
constexpr size_t kPreparedPerWorker = 2;

}  // namespace

DeliveryWorker::DeliveryWorker(const DocumentSink& sink, size_t max_queued_bytes)
    : sink_(sink), split_(sink.target<SplitSink>()), max_queued_bytes_(max_queued_bytes) {
  unsigned workers = split_ ? std::max(split_->workers, 1u) : 0;
  prepare_window_ = std::max<size_t>(1, kPreparedPerWorker * workers);
  for (unsigned index = 0; index < workers; ++index) preparers_.emplace_back([this] { prepare_loop(); });
  thread_ = std::thread([this] { store_loop(); });
}

DeliveryWorker::~DeliveryWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& preparer : preparers_) preparer.join();  // a running preparation finishes first
  thread_.join();
  jobs_.clear();
}

void DeliveryWorker::submit(const CrawledDocument& document, std::string bytes) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return waiting_jobs() == 0 || queued_bytes_ + bytes.size() <= max_queued_bytes_; });
  queued_bytes_ += bytes.size();
  jobs_.push_back({document, std::move(bytes), JobState::waiting, {}, {}});
  Job& job = jobs_.back();
  job.document.bytes = job.bytes;  // deque elements never move, so the view stays valid
  changed_.notify_all();
}

std::vector<DeliveryOutcome> DeliveryWorker::take_finished() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(finished_, {});
}

void DeliveryWorker::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.empty(); });
}

// Jobs not yet taken by the delivery thread (the one it stores stays at the front until done).
size_t DeliveryWorker::waiting_jobs() const { return jobs_.size() - (busy_ ? 1 : 0); }

// The oldest job not yet prepared among the first prepare_window_ (called with the lock held).
// (The front one may be being stored: it is prepared, so it is skipped.)
DeliveryWorker::Job* DeliveryWorker::next_to_prepare() {
  size_t end = std::min(jobs_.size(), prepare_window_);
  for (size_t index = 0; index < end; ++index) {
    if (jobs_[index].state == JobState::waiting) return &jobs_[index];
  }
  return nullptr;
}

// Runs the first half of the sink on `job` (without the lock; the job stays in the deque, where
// the delivery thread does not take it before it is prepared).
void DeliveryWorker::prepare(Job& job) {
  try {
    job.store = split_->prepare(job.document);
  } catch (...) {
    job.error = pool_error_message(std::current_exception());
    if (job.error.empty()) job.error = "the document could not be prepared";  // an error is never empty
  }
}

void DeliveryWorker::prepare_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    Job* job = nullptr;
    changed_.wait(lock, [&] { return stopping_ || (job = next_to_prepare()) != nullptr; });
    if (stopping_) return;
    job->state = JobState::preparing;
    lock.unlock();
    prepare(*job);
    lock.lock();
    job->state = JobState::prepared;
    changed_.notify_all();
  }
}

// Stores one job taken off the queue: the second half of a split sink, or the whole plain sink.
DeliveryOutcome DeliveryWorker::store(Job& job) {
  DeliveryOutcome outcome{job.document.url_id, job.document.url, job.error};
  if (!outcome.error.empty()) return outcome;
  try {
    if (split_) {
      if (job.store) job.store();
    } else {
      sink_(job.document);
    }
  } catch (...) {
    outcome.error = pool_error_message(std::current_exception());
    if (outcome.error.empty()) outcome.error = "the document could not be stored";
  }
  return outcome;
}

// The front job is stored where it is (its step may refer to its document), and popped after.
void DeliveryWorker::store_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] {
      return stopping_ || (!jobs_.empty() && (!split_ || jobs_.front().state == JobState::prepared));
    });
    if (stopping_) return;
    Job& job = jobs_.front();
    queued_bytes_ -= job.bytes.size();
    busy_ = true;
    lock.unlock();
    DeliveryOutcome outcome = store(job);
    lock.lock();
    jobs_.pop_front();  // frees the body and the extraction before the next one
    busy_ = false;
    finished_.push_back(std::move(outcome));
    changed_.notify_all();
  }
}

}  // namespace nianbao::crawler
