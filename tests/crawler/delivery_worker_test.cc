// DeliveryWorker: every document reaches the sink once, in order, with its bytes; a throw is that document's
// error outcome only; a SplitSink prepares on several threads and stores on one, in fetch order.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <string>
#include <vector>

#include "crawler/delivery_worker.h"

namespace nianbao::crawler {
namespace {

CrawledDocument document(int64_t id) {
  CrawledDocument doc;
  doc.url_id = id;
  doc.url = "http://127.0.0.1/" + std::to_string(id);
  return doc;
}

TEST(DeliveryWorker, DeliversEveryDocumentInOrderWithItsBytes) {
  std::vector<std::string> seen;  // touched by the worker thread only until drain()
  DocumentSink sink = [&](const CrawledDocument& doc) { seen.push_back(doc.url + "=" + std::string(doc.bytes)); };
  DeliveryWorker worker(sink, 16);  // a tiny byte bound: submit() has to wait for the sink
  for (int64_t id = 1; id <= 50; ++id) worker.submit(document(id), std::string(10, static_cast<char>('a' + id % 26)));
  worker.drain();
  ASSERT_EQ(seen.size(), 50u);
  EXPECT_EQ(seen[0], "http://127.0.0.1/1=" + std::string(10, 'b'));
  EXPECT_EQ(seen[49], "http://127.0.0.1/50=" + std::string(10, 'y'));
  std::vector<DeliveryOutcome> outcomes = worker.take_finished();
  ASSERT_EQ(outcomes.size(), 50u);
  for (size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].url_id, static_cast<int64_t>(i + 1));
    EXPECT_TRUE(outcomes[i].error.empty());
  }
  EXPECT_TRUE(worker.take_finished().empty());
}

TEST(DeliveryWorker, AThrowingSinkBecomesAnErrorOutcome) {
  DocumentSink sink = [](const CrawledDocument& doc) {
    if (doc.url_id == 2) throw std::runtime_error("disk full");
  };
  DeliveryWorker worker(sink, 1 << 20);
  for (int64_t id = 1; id <= 3; ++id) worker.submit(document(id), "x");
  worker.drain();
  std::vector<DeliveryOutcome> outcomes = worker.take_finished();
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].error.empty());
  EXPECT_EQ(outcomes[1].error, "disk full");
  EXPECT_TRUE(outcomes[2].error.empty());
}

// Raises `counter` and keeps its highest value in `most`.
void raise(std::atomic<int>& counter, std::atomic<int>& most) {
  int now = ++counter;
  int seen = most.load();
  while (now > seen && !most.compare_exchange_weak(seen, now)) {
  }
}

TEST(DeliveryWorker, ASplitSinkPreparesInParallelAndStoresInFetchOrder) {
  std::atomic<int> preparing{0}, most_preparing{0}, storing{0}, most_storing{0};
  std::vector<std::string> stored;  // touched by the delivery thread only until drain()
  SplitSink split;
  split.workers = 3;
  split.prepare = [&](const CrawledDocument& doc) -> StoreStep {
    raise(preparing, most_preparing);
    std::this_thread::sleep_for(std::chrono::microseconds(300 * (3 - doc.url_id % 3)));  // later ones finish first
    std::string extracted = "extracted " + std::string(doc.bytes);
    --preparing;
    return [&stored, &storing, &most_storing, extracted, &doc] {
      raise(storing, most_storing);
      stored.push_back(doc.url + " " + extracted);
      --storing;
    };
  };
  DocumentSink sink = split;
  DeliveryWorker worker(sink, 1 << 20);
  EXPECT_EQ(worker.prepare_workers(), 3u);
  for (int64_t id = 1; id <= 60; ++id) worker.submit(document(id), "body " + std::to_string(id));
  worker.drain();
  ASSERT_EQ(stored.size(), 60u);
  for (int64_t id = 1; id <= 60; ++id) {
    EXPECT_EQ(stored[static_cast<size_t>(id - 1)], "http://127.0.0.1/" + std::to_string(id) + " extracted body " + std::to_string(id));
  }
  EXPECT_GE(most_preparing.load(), 2) << "documents were prepared on several threads at once";
  EXPECT_LE(most_preparing.load(), 3);
  EXPECT_EQ(most_storing.load(), 1) << "one thread stores";
  std::vector<DeliveryOutcome> outcomes = worker.take_finished();
  ASSERT_EQ(outcomes.size(), 60u);
  for (size_t i = 0; i < outcomes.size(); ++i) EXPECT_EQ(outcomes[i].url_id, static_cast<int64_t>(i + 1));
}

TEST(DeliveryWorker, AFailingPreparationOrStoreIsThatDocumentsErrorOnly) {
  SplitSink split;
  split.workers = 2;
  split.prepare = [](const CrawledDocument& doc) -> StoreStep {
    if (doc.url_id == 2) throw std::runtime_error("extraction crashed");
    return [&doc] {
      if (doc.url_id == 4) throw std::runtime_error("disk full");
    };
  };
  DocumentSink sink = split;
  DeliveryWorker worker(sink, 1 << 20);
  for (int64_t id = 1; id <= 5; ++id) worker.submit(document(id), "x");
  worker.drain();
  std::vector<DeliveryOutcome> outcomes = worker.take_finished();
  ASSERT_EQ(outcomes.size(), 5u);
  std::vector<std::string> errors;
  for (const DeliveryOutcome& outcome : outcomes) errors.push_back(outcome.error);
  EXPECT_EQ(errors, (std::vector<std::string>{"", "extraction crashed", "", "disk full", ""}));
}

TEST(DeliveryWorker, PreparedResultsWaitingForTheStoreAreBounded) {
  constexpr unsigned kWorkers = 2;
  std::atomic<int> prepared_not_stored{0}, most_waiting{0};
  SplitSink split;
  split.workers = kWorkers;
  split.prepare = [&](const CrawledDocument&) -> StoreStep {
    raise(prepared_not_stored, most_waiting);
    return [&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // a slow store lets results pile up
      --prepared_not_stored;
    };
  };
  DocumentSink sink = split;
  DeliveryWorker worker(sink, 1 << 20);
  for (int64_t id = 1; id <= 40; ++id) worker.submit(document(id), "x");
  worker.drain();
  EXPECT_EQ(worker.take_finished().size(), 40u);
  EXPECT_GE(most_waiting.load(), 2);
  EXPECT_LE(most_waiting.load(), static_cast<int>(2 * kWorkers)) << "extractions held at once stay within the window";
}

TEST(DeliveryWorker, TheByteBoundHoldsWithASplitSink) {
  std::atomic<size_t> held_bytes{0}, most_bytes{0};
  SplitSink split;
  split.workers = 2;
  split.prepare = [&](const CrawledDocument& doc) -> StoreStep {
    return [&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      held_bytes -= doc.bytes.size();
    };
  };
  DocumentSink sink = split;
  DeliveryWorker worker(sink, 100);
  for (int64_t id = 1; id <= 30; ++id) {
    worker.submit(document(id), std::string(40, 'x'));
    size_t now = held_bytes += 40;
    most_bytes = std::max(most_bytes.load(), now);
  }
  worker.drain();
  EXPECT_EQ(worker.take_finished().size(), 30u);
  EXPECT_LE(most_bytes.load(), 100u + 40u) << "queued bodies stay within the bound (plus the one being stored)";
}

TEST(DeliveryWorker, DestroyingItWithDocumentsWaitingDropsThem) {
  std::atomic<int> stored{0};
  SplitSink split;
  split.workers = 2;
  split.prepare = [&](const CrawledDocument&) -> StoreStep {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return [&] { ++stored; };
  };
  DocumentSink sink = split;
  {
    DeliveryWorker worker(sink, 1 << 20);
    for (int64_t id = 1; id <= 50; ++id) worker.submit(document(id), "x");
  }
  EXPECT_LT(stored.load(), 50) << "documents still waiting stay pending for the next run";
}

TEST(DeliveryWorker, APlainSinkHasNoPreparingThreads) {
  DocumentSink sink = [](const CrawledDocument&) {};
  DeliveryWorker worker(sink, 16);
  EXPECT_EQ(worker.prepare_workers(), 0u);
}

}  // namespace
}  // namespace nianbao::crawler
