// Hands fetched documents to the sink (extract + store in the CLI) on one worker thread, so the
// crawl loop never waits for extraction; the loop collects the outcomes and records them itself.
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

struct DeliveryOutcome {
  int64_t url_id = 0;
  std::string url;
  std::string error;  // empty: the sink took the document
};

class DeliveryWorker {
 public:
  // `max_queued_bytes` bounds the bodies waiting for the sink (one document is always accepted).
  DeliveryWorker(const DocumentSink& sink, size_t max_queued_bytes);
  // Drops documents still waiting (they stay pending in the frontier) and joins the thread.
  ~DeliveryWorker();
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  // Queues a copy of the document and its bytes; blocks while the queue is over its byte bound.
  void submit(const CrawledDocument& document, std::string bytes);
  // Outcomes finished since the last call.
  std::vector<DeliveryOutcome> take_finished();
  // Waits until every submitted document went through the sink.
  void drain();

 private:
  struct Job {
    CrawledDocument document;
    std::string bytes;
  };

  void work();
  DeliveryOutcome run_sink(Job& job);

  const DocumentSink& sink_;
  size_t max_queued_bytes_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  size_t queued_bytes_ = 0;
  bool busy_ = false, stopping_ = false;
  std::vector<DeliveryOutcome> finished_;
  std::thread thread_;
};

}  // namespace nianbao::crawler
