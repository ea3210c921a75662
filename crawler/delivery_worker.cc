// DeliveryWorker: a mutex-guarded job queue with a byte bound, one consumer thread running the
// sink, and an outcome list the crawl loop drains (it alone touches the frontier).
#include "crawler/delivery_worker.h"

#include <exception>
#include <utility>

namespace nianbao::crawler {

DeliveryWorker::DeliveryWorker(const DocumentSink& sink, size_t max_queued_bytes)
    : sink_(sink), max_queued_bytes_(max_queued_bytes), thread_([this] { work(); }) {}

DeliveryWorker::~DeliveryWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    jobs_.clear();
    queued_bytes_ = 0;
  }
  changed_.notify_all();
  thread_.join();
}

void DeliveryWorker::submit(const CrawledDocument& document, std::string bytes) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.empty() || queued_bytes_ + bytes.size() <= max_queued_bytes_; });
  queued_bytes_ += bytes.size();
  jobs_.push_back({document, std::move(bytes)});
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
  changed_.wait(lock, [&] { return jobs_.empty() && !busy_; });
}

DeliveryOutcome DeliveryWorker::run_sink(Job& job) {
  DeliveryOutcome outcome{job.document.url_id, job.document.url, ""};
  try {
    sink_(job.document);
  } catch (const std::exception& error) {
    outcome.error = error.what();
  } catch (...) {
    outcome.error = "unknown error";
  }
  return outcome;
}

void DeliveryWorker::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    queued_bytes_ -= job.bytes.size();
    job.document.bytes = job.bytes;
    busy_ = true;
    lock.unlock();
    DeliveryOutcome outcome = run_sink(job);
    lock.lock();
    busy_ = false;
    finished_.push_back(std::move(outcome));
    changed_.notify_all();
  }
}

}  // namespace nianbao::crawler
