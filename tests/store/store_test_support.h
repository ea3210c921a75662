// Shared helpers for the store tests: a self-removing temporary directory, fixture bytes, raw SQLite
// queries on a database file, the same on either backend (target_*), sample records, crawl rows.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "common/sha256.h"
#include "extract/extractor.h"
#include "store/crawl_state.h"
#include "tests/support/backend_database.h"

namespace nianbao::store_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-store-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The bytes of fixtures/<relative>; throws naming the fixture when it cannot be read.
inline std::string fixture_bytes(const std::string& relative) {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The first column of the first row of `sql`, as text ("" for NULL), through a fresh connection.
inline std::string query_text(const std::string& database, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + database);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    std::string reason = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("bad test query: " + sql + ": " + reason);
  }
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

inline int64_t query_int(const std::string& database, const std::string& sql) {
  return std::stoll(query_text(database, sql));
}

// Backend-neutral forms of query_text/query_int: `target` is an SQLite file or a postgresql:// URI,
// read through the store's own read-only connection; the SQL must run on both backends.
inline std::string target_text(const std::string& target, const std::string& sql) {
  return ::nianbao::testing::backend_one(target, sql);
}

inline int64_t target_int(const std::string& target, const std::string& sql) {
  std::string text = target_text(target, sql);
  if (text.empty()) throw std::runtime_error("test query gave no number: " + sql);
  return std::stoll(text);
}

// Every row of `sql` (one column), joined by `separator`: the portable group_concat.
inline std::string target_joined(const std::string& target, const std::string& sql, const std::string& separator) {
  std::string joined;
  bool first = true;
  for (const std::string& row : ::nianbao::testing::backend_rows(target, sql)) {
    joined += (first ? "" : separator) + row;
    first = false;
  }
  return joined;
}

// A GET of `url` as the crawler queues it: found on `host` through `parent_id` (0: a seed) at
// `depth` links from its seed.
inline store::CrawlNewUrl crawl_get(const std::string& url, const std::string& host, const std::string& kind,
                                    int depth, int64_t parent_id) {
  store::CrawlNewUrl row;
  row.fingerprint = sha256_hex("GET " + url + "\n");
  row.url = url;
  row.method = "GET";
  row.host = host;
  row.kind = kind;
  row.depth = depth;
  row.parent_id = parent_id;
  return row;
}

inline Cell stated_cell(double value, bool integral, const std::string& raw, int table, int row, int col) {
  Cell cell;
  cell.value = Number{value, integral};
  cell.raw = raw;
  cell.at.table = table;
  cell.at.row = row;
  cell.at.col = col;
  return cell;
}

// A small 2021-format report: a few cells of each kind, one finding per severity, two tallies.
inline Report sample_report(const std::string& agency, int year) {
  Report report;
  report.title = std::to_string(year) + "年" + agency + "政府信息公开工作年度报告";
  report.agency = agency;
  report.report_year = year;
  report.format = Format::f2021;
  report.scope = Scope::own_organ;
  report.published = std::to_string(year + 1) + "-01-20";
  report.text = "一、总体情况 …";
  report.cells["t2.fee.amount_wan"] = stated_cell(5949.088667, false, "5949.088667", 0, 12, 1);
  report.cells["t3.new_received.total"] = stated_cell(31, true, "31", 1, 3, 9);
  report.cells["t3.carried_over.total"] = stated_cell(0, true, "0", 1, 4, 9);
  Cell blank;
  blank.raw = "/";
  blank.flags = {"null_token"};
  blank.derived = Number{0, true};
  blank.add_flag("imputed_zero");
  blank.at = {1, 5, 2, 1234, -1, std::nullopt};
  report.cells["t3.result.granted.research"] = blank;
  report.findings.push_back({"T3-1", Severity::error, "一+二 ≠ 三+四 (总计)",
                             {"t3.new_received.total", "t3.carried_over.total"}, Number{31, true}, Number{30, true}});
  report.findings.push_back({"V4", Severity::warning, "text in a number cell", {"t3.result.granted.research"},
                             std::nullopt, std::nullopt});
  report.findings.push_back({"T2-7", Severity::info, "large fee", {"t2.fee.amount_wan"}, std::nullopt,
                             Number{5949.088667, false}});
  report.checks["T3-1"] = RuleTally{6, 1, 0};
  report.checks["T4-1"] = RuleTally{0, 0, 3};
  return report;
}

inline Extraction sample_extraction(std::vector<Report> reports) {
  Extraction extraction;
  extraction.media_type = "text/plain";
  extraction.charset = "UTF-8";
  extraction.reports = std::move(reports);
  return extraction;
}

}  // namespace nianbao::store_test
