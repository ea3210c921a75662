// The store's own speed at corpus scale: ingest of 10,000 generated reports (extraction excluded,
// done before the clock starts) in batches, then the wide export of all of them. Prints cells/s,
// seconds and the database size. Targets (issue 8): >= 500,000 cells/s; wide export < 2 s.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "store/database.h"

namespace {

constexpr int kReports = 10000;
constexpr int kReportsPerBatch = 500;

std::string read_seed() {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/seed/fushun-amr-2021.txt", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The seed report's extraction, made distinct per index: other agency, year and cell values.
nianbao::Extraction variant(const nianbao::Extraction& seed, int index) {
  nianbao::Extraction copy = seed;
  nianbao::Report& report = copy.reports.at(0);
  report.agency = "测试机关" + std::to_string(index / 7);
  report.report_year = 2019 + index % 7;
  for (auto& [key, cell] : report.cells) {
    if (cell.value) cell.value->value += index % 13;
  }
  return copy;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  // An optional path for the database (default in the temp folder); Google Benchmark flags that
  // bench/run.sh passes to every benchmark are ignored.
  bool has_path = argc > 1 && std::string(argv[1]).rfind("--", 0) != 0;
  std::string path = has_path ? argv[1] : (std::filesystem::temp_directory_path() / "nianbao-store-bench.sqlite").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::string seed_bytes = read_seed();
  nianbao::Extraction seed = nianbao::extract_document({seed_bytes, "seed.txt", ""});
  std::vector<nianbao::Extraction> extractions;
  std::vector<std::string> bytes;
  size_t cells = 0;
  for (int index = 0; index < kReports; ++index) {
    extractions.push_back(variant(seed, index));
    bytes.push_back(seed_bytes + "\n<!-- copy " + std::to_string(index) + " -->\n");
    cells += extractions.back().reports[0].cells.size();
  }

  // The database is closed (and its WAL checkpointed) before the export reads it.
  auto db_holder = std::make_unique<nianbao::store::Database>(path);
  nianbao::store::Database& db = *db_holder;
  auto start = std::chrono::steady_clock::now();
  db.begin_batch();
  for (int index = 0; index < kReports; ++index) {
    db.ingest(bytes[index], "bench/" + std::to_string(index) + ".txt", extractions[index]);
    if ((index + 1) % kReportsPerBatch == 0) {
      db.commit_batch();
      db.begin_batch();
    }
  }
  db.commit_batch();
  double ingest_seconds = seconds_since(start);
  db_holder.reset();

  // The user-facing command, as a researcher runs it.
  std::string wide_csv = path + ".wide.csv";
  std::string command = std::string("'") + NIANBAO_BINARY + "' export --db '" + path + "' --format csv --wide --out '" +
                        wide_csv + "'";
  start = std::chrono::steady_clock::now();
  int status = std::system(command.c_str());
  double export_seconds = seconds_since(start);
  if (status != 0) {
    std::fprintf(stderr, "export failed: %s\n", command.c_str());
    return 1;
  }
  size_t wide_rows = 0;
  {
    std::ifstream in(wide_csv);
    for (std::string line; std::getline(in, line);) ++wide_rows;
  }
  wide_rows -= 1;  // the header

  std::printf("store ingest: %d reports, %zu cells in %.2f s = %.0f cells/s (target >= 500000)\n", kReports, cells,
              ingest_seconds, cells / ingest_seconds);
  std::printf("wide export (nianbao export --format csv --wide): %zu rows, %.1f MiB in %.2f s (target < 2 s)\n",
              wide_rows, std::filesystem::file_size(wide_csv) / 1048576.0, export_seconds);
  std::printf("database size: %.1f MiB (%s)\n", std::filesystem::file_size(path) / 1048576.0, path.c_str());
  if (!has_path) {
    for (const char* suffix : {"", "-wal", "-shm", ".wide.csv"}) std::filesystem::remove(path + suffix);
  }
  return 0;
}
