// Bodies of the crawl's transfers: small ones kept in memory, larger ones spilled to a temp file, both
// byte-exact; and every document of a many-host crawl handed over with its own host's seed.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "crawler/transfer_pool.h"
#include "demo/multi_host_site.h"
#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

std::string random_bytes(size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

HttpResponse fetch(TransferPool& pool, const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.max_bytes = 64 << 20;
  pool.start(1, request);
  while (true) {
    for (auto& [token, response] : pool.wait(1000)) return response;
  }
}

TEST(TransferBody, BodiesBelowAndAboveTheInMemoryLimitArriveByteExact) {
  const size_t limit = HttpTransfer::kInMemoryBodyBytes;
  const std::vector<std::string> bodies{random_bytes(1000, 1), random_bytes(limit, 2), random_bytes(limit + 1, 3),
                                        random_bytes(3 * limit + 17, 4)};
  testing::LoopbackServer server;
  for (size_t i = 0; i < bodies.size(); ++i) {
    const std::string& body = bodies[i];
    server.server().Get("/body" + std::to_string(i), [&body](const httplib::Request&, httplib::Response& response) {
      response.set_content(body, "application/octet-stream");
    });
  }
  server.start();
  TransferPool pool;
  for (size_t i = 0; i < bodies.size(); ++i) {
    HttpResponse response = fetch(pool, server.url("/body" + std::to_string(i)));
    ASSERT_EQ(response.curl_code, CURLE_OK) << response.error;
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body.size(), bodies[i].size()) << "body " << i;
    EXPECT_TRUE(response.body == bodies[i]) << "body " << i << " differs";
  }
}

TEST(TransferBody, EveryReportOfAManyHostCrawlCarriesItsOwnHostsSeed) {
  constexpr int kHosts = 6, kReports = 5;
  demo::MultiHostSite site(kHosts, kReports, 60);
  site.start();
  std::vector<Seed> seeds;
  std::vector<std::string> urls = site.seed_urls();
  for (size_t i = 0; i < urls.size(); ++i) seeds.push_back({"agency " + std::to_string(i), std::to_string(100 + i), "county", urls[i]});
  testing::TempDir dir;
  CrawlOptions options = testing::fast_options();
  options.delay_seconds = 0;
  auto result = testing::crawl_seeds(dir.file("seeds.sqlite"), seeds, options);
  ASSERT_TRUE(result.summary.finished);
  ASSERT_EQ(result.seeds.size(), static_cast<size_t>(kHosts * kReports));
  for (const auto& [url, seed] : result.seeds) {
    size_t host = 0;
    while (host < urls.size() && url.rfind(origin_of(urls[host]) + "/", 0) != 0) ++host;
    ASSERT_LT(host, urls.size()) << url << " is on none of the hosts";
    EXPECT_EQ(seed.agency, seeds[host].agency) << url;
    EXPECT_EQ(seed.region_code, seeds[host].region_code) << url;
    EXPECT_EQ(seed.level, "county") << url;
  }
}

}  // namespace
}  // namespace nianbao::crawler
