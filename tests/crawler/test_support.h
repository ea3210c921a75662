// Helpers shared by the crawler tests: a temporary directory, fast crawl options (short delays,
// loopback only), fixture file access and read-only SQL queries of the crawl and documents tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "crawler/crawl_options.h"
#include "crawler/crawler.h"

namespace nianbao::crawler::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string fixture_path(const std::string& relative);  // under NIANBAO_FIXTURES_DIR
std::string read_bytes(const std::string& path);

// Polite but quick: 50 ms delay, 50 ms backoff/retry bases, 2 s timeouts.
CrawlOptions fast_options();

// Runs one crawl of `seed_urls` into `db`, collecting every delivered document (url -> sha256).
struct CrawlResult {
  CrawlSummary summary;
  std::multimap<std::string, std::string> documents;  // url -> sha256, one entry per delivery
  std::map<std::string, Seed> seeds;                   // url -> the seed fields it was delivered with
};
CrawlResult crawl(const std::string& db, const std::vector<std::string>& seed_urls, CrawlOptions options = fast_options());
// The same with full seeds (agency, region code, level, URL).
CrawlResult crawl_seeds(const std::string& db, const std::vector<Seed>& seeds, CrawlOptions options = fast_options());

// SELECT helpers on the crawl tables.
std::vector<std::vector<std::string>> query(const std::string& db, const std::string& sql);
std::string query_one(const std::string& db, const std::string& sql);

double steady_now();

}  // namespace nianbao::crawler::testing
