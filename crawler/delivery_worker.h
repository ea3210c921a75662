// Hands fetched documents to the sink (extract + store in the CLI) off the crawl loop: extraction on
// a pool of threads, storing on one thread in fetch order; the loop collects and records the outcomes.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "crawler/crawl_types.h"

namespace nianbao::crawler {

// A report page or attachment ready for the extractor, with the seed (sources-file entry) it was
// found from; the seed fields are empty when no seed leads to it.
struct CrawledDocument {
  int64_t url_id = 0;
  std::string url;
  UrlKind kind = UrlKind::report;
  std::string_view bytes;
  std::string sha256, content_type, charset, anchor_text;
  std::string seed_agency, seed_region_code, seed_level;
};

// Called on the delivery thread, one document at a time, in fetch order. Throwing means "not
// stored": the document stays pending in the frontier and is delivered again by the next run.
using DocumentSink = std::function<void(const CrawledDocument&)>;

// The second half of a split sink: stores what the first half made. Runs on the delivery thread,
// one document at a time, in fetch order; throwing means "not stored".
using StoreStep = std::function<void()>;
// The first half: runs on one of the pool's threads, several documents at once, so it must not
// write the store (extraction is pure). It returns the step that stores its result; throwing
// means "not stored". The document (and its bytes) lives until that step has run.
using PrepareStep = std::function<StoreStep(const CrawledDocument&)>;

// A sink in two halves. It is itself a DocumentSink (it converts, and called directly it runs both
// halves in turn), so Crawler::run takes it unchanged; the DeliveryWorker recognises it and runs
// `prepare` on `workers` threads (at least one).
struct SplitSink {
  PrepareStep prepare;
  unsigned workers = 1;
  void operator()(const CrawledDocument& document) const { prepare(document)(); }
};

struct DeliveryOutcome {
  int64_t url_id = 0;
  std::string url;
  std::string error;  // empty: the sink took the document
};

class DeliveryWorker {
 public:
  // `max_queued_bytes` bounds the bodies waiting for the sink (one document is always accepted).
  // A sink holding a SplitSink is run split: see there. `sink` must outlive the worker.
  DeliveryWorker(const DocumentSink& sink, size_t max_queued_bytes);
  // Drops documents still waiting (they stay pending in the frontier) and joins the threads.
  ~DeliveryWorker();
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  // Queues a copy of the document and its bytes; blocks while the queue is over its byte bound.
  void submit(const CrawledDocument& document, std::string bytes);
  // Outcomes finished since the last call.
  std::vector<DeliveryOutcome> take_finished();
  // Waits until every submitted document went through the sink.
  void drain();
  // Threads running the first half of the sink (0: the delivery thread runs the whole sink).
  unsigned prepare_workers() const { return static_cast<unsigned>(preparers_.size()); }

 private:
  enum class JobState { waiting, preparing, prepared };
  struct Job {
    CrawledDocument document;
    std::string bytes;
    JobState state = JobState::waiting;
    StoreStep store;    // set when prepared without error
    std::string error;  // why the first half failed
  };

  void prepare_loop();
  void store_loop();
  Job* next_to_prepare();
  size_t waiting_jobs() const;
  void prepare(Job& job);
  DeliveryOutcome store(Job& job);

  const DocumentSink& sink_;
  const SplitSink* split_;  // the sink's SplitSink, or null: the whole sink runs on the delivery thread
  size_t max_queued_bytes_;
  size_t prepare_window_;  // only the first this many jobs are prepared ahead: bounds results waiting
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;  // submitted and not yet stored, in fetch order
  size_t queued_bytes_ = 0;  // bodies of the jobs not yet taken by the delivery thread
  bool busy_ = false, stopping_ = false;
  std::vector<DeliveryOutcome> finished_;
  std::vector<std::thread> preparers_;
  std::thread thread_;
};

}  // namespace nianbao::crawler
