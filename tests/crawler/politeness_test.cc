// Politeness: 20 hosts on 127.0.0.2–21 (one server each) and a 200 ms delay — no host ever sees
// two requests closer than the delay, nor two at once; and all hosts are crawled side by side.
#include <gtest/gtest.h>

#include "demo/multi_host_site.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

TEST(Politeness, TwentyHostsNeverSeeRequestsCloserThanTheDelayOrOverlapping) {
  constexpr int kHosts = 20, kReports = 6;
  constexpr double kDelay = 0.2;
  demo::MultiHostSite site(kHosts, kReports);
  site.start();
  testing::TempDir dir;
  CrawlOptions options = testing::fast_options();
  options.delay_seconds = kDelay;
  auto result = testing::crawl(dir.file("p.sqlite"), site.seed_urls(), options);
  ASSERT_TRUE(result.summary.finished);
  EXPECT_EQ(result.documents.size(), static_cast<size_t>(kHosts * kReports));
  auto logs = site.request_log();
  ASSERT_EQ(logs.size(), static_cast<size_t>(kHosts));
  double first_start = 1e300, last_start = 0;
  for (int host = 0; host < kHosts; ++host) {
    const auto& spans = logs[static_cast<size_t>(host)];
    ASSERT_EQ(spans.size(), static_cast<size_t>(site.pages_per_host())) << "host " << host;
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_GE(spans[i].started_at - spans[i - 1].started_at, kDelay) << "host " << host << " request " << i;
      EXPECT_GE(spans[i].started_at, spans[i - 1].ended_at) << "host " << host << ": two requests at once";
    }
    first_start = std::min(first_start, spans.front().started_at);
    last_start = std::max(last_start, spans.front().started_at);
  }
  EXPECT_LT(last_start - first_start, kDelay * 2) << "hosts are crawled in parallel, not one after another";
}

}  // namespace
}  // namespace nianbao::crawler
