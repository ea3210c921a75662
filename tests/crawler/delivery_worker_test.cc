// DeliveryWorker: every document reaches the sink once, in order, with its own bytes; a throwing
// sink becomes an error outcome (the crawler keeps the document pending) and the worker goes on.
#include <gtest/gtest.h>

#include <stdexcept>
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

}  // namespace
}  // namespace nianbao::crawler
