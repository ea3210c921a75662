// The audit at corpus scale: 2,000 registered bodies × 5 report years (10,000 agency-years, each
// a real report document with its own numbers and publication date) ingested in batches, then
// run_audit for one year, the page rendering, and the whole `nianbao audit --out` command, timed.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/audit_page.h"
#include "extract/extractor.h"
#include "store/agency_registry.h"
#include "store/audit.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/transaction.h"

namespace {

constexpr int kBodies = 2000;
constexpr int kFirstYear = 2021;
constexpr int kYears = 5;
constexpr int kAuditedYear = 2023;
constexpr int kReportsPerBatch = 500;

std::string read_seed() {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/seed/fushun-amr-2021.txt", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string body_name(int body) { return "基准测试局" + std::to_string(body); }
// 40 regions of 50 bodies; every tenth body is a county government (deadline 3月31日).
std::string body_region(int body) { return "35" + std::to_string(10 + body % 40) + "00"; }
std::string body_level(int body) { return body % 10 == 0 ? "county" : "department"; }

std::vector<nianbao::store::AgencyRow> registry_rows() {
  std::vector<nianbao::store::AgencyRow> rows;
  for (int body = 0; body < kBodies; ++body) {
    nianbao::store::AgencyRow row;
    row.origin = "bench registry:" + std::to_string(body + 1);
    row.name = body_name(body);
    row.region_code = body_region(body);
    row.level = body_level(body);
    rows.push_back(row);
  }
  return rows;
}

// A publication date in January to April of the next year: about a third after a department's deadline.
std::string published_date(int body, int year) {
  int month = 1 + (body * 7 + year) % 4;
  int day = 1 + (body * 13 + year * 3) % 28;
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year + 1, month, day);
  return date;
}

// The seed report's extraction made this body's report of `year`: its name, year, date and numbers.
nianbao::Extraction variant(const nianbao::Extraction& seed, int body, int year) {
  nianbao::Extraction copy = seed;
  nianbao::Report& report = copy.reports.at(0);
  report.agency = body_name(body);
  report.report_year = year;
  report.published = published_date(body, year);
  report.published_source = nianbao::kPublishedFromMeta;
  copy.published = report.published;
  copy.published_source = nianbao::kPublishedFromMeta;
  for (auto& [key, cell] : report.cells) {
    if (cell.value) cell.value->value += (body * 31 + year) % 17;
  }
  return copy;
}

void import_registry(const std::string& path) {
  nianbao::store::Connection connection(path, nianbao::store::OpenMode::create);
  nianbao::store::Transaction transaction(connection.handle(), "bench registry");
  nianbao::store::import_agencies(connection.handle(), registry_rows());
  transaction.commit();
}

double ingest_reports(const std::string& path, const std::string& seed_bytes, const nianbao::Extraction& seed) {
  nianbao::store::Database db(path);
  auto start = std::chrono::steady_clock::now();
  db.begin_batch();
  int done = 0;
  // Body by body, so that a batch holds all years of its bodies: each body's cross-year checks and
  // copies are refreshed once, at the batch's commit, instead of once per year.
  for (int body = 0; body < kBodies; ++body) {
    for (int year = kFirstYear; year < kFirstYear + kYears; ++year) {
      std::string bytes = seed_bytes + "\n<!-- " + body_name(body) + " " + std::to_string(year) + " -->\n";
      db.ingest(bytes, "bench/" + std::to_string(body) + "/" + std::to_string(year) + ".txt", variant(seed, body, year),
                {body_name(body), body_region(body), body_level(body)});
      if (++done % kReportsPerBatch == 0) {
        db.commit_batch();
        db.begin_batch();
      }
    }
  }
  db.commit_batch();
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  // An optional path for the database (default in the temp folder); Google Benchmark flags that
  // bench/run.sh passes to every benchmark are ignored.
  bool has_path = argc > 1 && std::string(argv[1]).rfind("--", 0) != 0;
  std::string path = has_path ? argv[1] : (std::filesystem::temp_directory_path() / "nianbao-audit-bench.sqlite").string();
  std::string out_dir = path + ".audit";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::filesystem::remove_all(out_dir);

  std::string seed_bytes = read_seed();
  nianbao::Extraction seed = nianbao::extract_document({seed_bytes, "seed.txt", ""});
  import_registry(path);
  double ingest_seconds = ingest_reports(path, seed_bytes, seed);

  nianbao::store::Connection connection(path, nianbao::store::OpenMode::read_only);
  auto start = std::chrono::steady_clock::now();
  nianbao::store::AuditResult audit = nianbao::store::run_audit(connection, {kAuditedYear, ""});
  double audit_seconds = seconds_since(start);

  // Every year in turn: the audit of all 10,000 agency-years.
  start = std::chrono::steady_clock::now();
  size_t judged = 0, all_flags = 0;
  for (int year = kFirstYear; year < kFirstYear + kYears; ++year) {
    nianbao::store::AuditResult year_audit = nianbao::store::run_audit(connection, {year, ""});
    judged += year_audit.bodies.size();
    all_flags += year_audit.flags.size();
  }
  double all_years_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  nianbao::cli::AuditPageOptions page_options;
  page_options.title = "bench audit " + std::to_string(kAuditedYear);
  page_options.generated = "audit_bench";
  page_options.stored_source_href = [](const nianbao::store::AuditFlag&) { return std::string(); };
  std::string html = nianbao::cli::render_audit_page(audit, page_options);
  double render_seconds = seconds_since(start);

  std::string command = std::string("'") + NIANBAO_BINARY + "' audit --db '" + path + "' --year " +
                        std::to_string(kAuditedYear) + " --out '" + out_dir + "' > /dev/null";
  start = std::chrono::steady_clock::now();
  int status = std::system(command.c_str());
  double command_seconds = seconds_since(start);
  if (status != 0) {
    std::fprintf(stderr, "audit failed: %s\n", command.c_str());
    return 1;
  }

  std::printf("generated: %d bodies x %d years = %d agency-years ingested in %.2f s\n", kBodies, kYears,
              kBodies * kYears, ingest_seconds);
  std::printf("run_audit (report year %d): %zu bodies, %zu flags in %.2f s\n", kAuditedYear, audit.bodies.size(),
              audit.flags.size(), audit_seconds);
  std::printf("run_audit of every year %d-%d: %zu agency-years judged, %zu flags in %.2f s\n", kFirstYear,
              kFirstYear + kYears - 1, judged, all_flags, all_years_seconds);
  std::printf("render_audit_page: %.1f MiB of HTML in %.2f s\n", html.size() / 1048576.0, render_seconds);
  std::printf("nianbao audit --year %d --out DIR (whole command: audit, flags.csv, sources, audit.html): %.2f s\n",
              kAuditedYear, command_seconds);
  std::printf("database size: %.1f MiB (%s)\n", std::filesystem::file_size(path) / 1048576.0, path.c_str());
  if (!has_path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    std::filesystem::remove_all(out_dir);
  }
  return 0;
}
