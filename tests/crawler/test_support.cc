// Shared crawler test helpers (see test_support.h).
#include "tests/crawler/test_support.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace nianbao::crawler::testing {

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("nianbao-crawler-test-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string fixture_path(const std::string& relative) { return std::string(NIANBAO_FIXTURES_DIR) + "/" + relative; }

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

CrawlOptions fast_options() {
  CrawlOptions options;
  options.delay_seconds = 0.05;
  options.delay_jitter = 0.1;
  options.retry_base_seconds = 0.05;
  options.backoff_base_seconds = 0.05;
  options.connect_timeout_ms = 2000;
  options.transfer_timeout_ms = 2000;
  return options;
}

CrawlResult crawl_seeds(const std::string& db, const std::vector<Seed>& seeds, CrawlOptions options) {
  Crawler crawler(db, std::move(options));
  for (const Seed& seed : seeds) crawler.add_seed(seed);
  CrawlResult result;
  result.summary = crawler.run([&](const CrawledDocument& document) {
    result.documents.emplace(document.url, document.sha256);
    result.seeds[document.url] = {document.seed_agency, document.seed_region_code, document.seed_level, ""};
  });
  return result;
}

CrawlResult crawl(const std::string& db, const std::vector<std::string>& seed_urls, CrawlOptions options) {
  std::vector<Seed> seeds;
  for (const std::string& url : seed_urls) seeds.push_back({"test", "000000", "test", url});
  return crawl_seeds(db, seeds, std::move(options));
}

std::vector<std::vector<std::string>> query(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    throw std::runtime_error("cannot open " + db);
  }
  sqlite3_busy_timeout(handle, 5000);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(handle);
    sqlite3_close(handle);
    throw std::runtime_error(db + ": " + sql + ": " + message);
  }
  std::vector<std::vector<std::string>> rows;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(statement); ++i) {
      const unsigned char* text = sqlite3_column_text(statement, i);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return rows;
}

std::string query_one(const std::string& db, const std::string& sql) {
  auto rows = query(db, sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

double steady_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace nianbao::crawler::testing
