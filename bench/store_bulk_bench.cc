// The store's own speed at corpus scale on each backend (issue 8; issue 11: PostgreSQL): ingest of
// 10,000 generated reports in batches, then their wide export; cells/s, reports/s, seconds, size.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/statement.h"
#include "tests/support/postgres_server.h"

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

// The documents to ingest and their extractions, made once and ingested into each backend.
struct GeneratedReports {
  std::vector<nianbao::Extraction> extractions;
  std::vector<std::string> bytes;
  size_t cells = 0;
};

GeneratedReports generate_reports() {
  GeneratedReports generated;
  std::string seed_bytes = read_seed();
  nianbao::Extraction seed = nianbao::extract_document({seed_bytes, "seed.txt", ""});
  for (int index = 0; index < kReports; ++index) {
    generated.extractions.push_back(variant(seed, index));
    generated.bytes.push_back(seed_bytes + "\n<!-- copy " + std::to_string(index) + " -->\n");
    generated.cells += generated.extractions.back().reports[0].cells.size();
  }
  return generated;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Ingest through the store's public API, exactly as `nianbao ingest` batches it: seconds from the
// first ingest to the last commit (opening and migrating the new database excluded). The database
// is closed (SQLite: its WAL checkpointed) before the export reads it.
double ingest_all(const std::string& target, const GeneratedReports& generated) {
  nianbao::store::Database db(target);
  auto start = std::chrono::steady_clock::now();
  db.begin_batch();
  for (int index = 0; index < kReports; ++index) {
    db.ingest(generated.bytes[index], "bench/" + std::to_string(index) + ".txt", generated.extractions[index]);
    if ((index + 1) % kReportsPerBatch == 0) {
      db.commit_batch();
      db.begin_batch();
    }
  }
  db.commit_batch();
  return seconds_since(start);  // before `db` closes
}

struct ExportFigures {
  double seconds = 0;
  size_t rows = 0;
  double mebibytes = 0;
};

// The user-facing command, as a researcher runs it; nullopt (after a message) when it fails.
std::optional<ExportFigures> export_wide(const std::string& target, const std::string& wide_csv) {
  std::string command = std::string("'") + NIANBAO_BINARY + "' export --db '" + target + "' --format csv --wide --out '" +
                        wide_csv + "'";
  std::fflush(stdout);  // our lines before the command's own
  auto start = std::chrono::steady_clock::now();
  int status = std::system(command.c_str());
  ExportFigures figures;
  figures.seconds = seconds_since(start);
  if (status != 0) {
    std::fprintf(stderr, "export failed: %s\n", command.c_str());
    return std::nullopt;
  }
  std::ifstream in(wide_csv);
  for (std::string line; std::getline(in, line);) ++figures.rows;
  figures.rows -= 1;  // the header
  figures.mebibytes = std::filesystem::file_size(wide_csv) / 1048576.0;
  return figures;
}

// One backend's run: ingest, export, size; `size_mib` reads the database's size after the run.
// The issue-8 targets (SQLite's) are appended to the figures as `ingest_target`/`export_target`.
// False (after a message) on a failure.
struct BackendRun {
  std::string backend, target, wide_csv, ingest_target, export_target;
};

template <typename SizeOf>
bool measure(const BackendRun& run, const GeneratedReports& generated, SizeOf size_mib) {
  try {
    double ingest_seconds = ingest_all(run.target, generated);
    std::printf("store ingest (%s): %d reports, %zu cells in %.2f s = %.0f cells/s, %.0f reports/s%s\n",
                run.backend.c_str(), kReports, generated.cells, ingest_seconds, generated.cells / ingest_seconds,
                kReports / ingest_seconds, run.ingest_target.c_str());
    std::optional<ExportFigures> exported = export_wide(run.target, run.wide_csv);
    if (!exported) return false;
    std::printf("wide export (%s, nianbao export --format csv --wide): %zu rows, %.1f MiB in %.2f s%s\n",
                run.backend.c_str(), exported->rows, exported->mebibytes, exported->seconds,
                run.export_target.c_str());
    std::printf("database size (%s): %.1f MiB (%s)\n", run.backend.c_str(), size_mib(), run.target.c_str());
    std::fflush(stdout);
    return true;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s benchmark failed on %s: %s\n", run.backend.c_str(), run.target.c_str(), error.what());
    return false;
  }
}

bool measure_sqlite(const std::string& path, bool keep_files, const GeneratedReports& generated) {
  for (const char* suffix : {"", "-wal", "-shm", ".wide.csv"}) std::filesystem::remove(path + suffix);
  BackendRun run{"SQLite", path, path + ".wide.csv", " (target >= 500000)", " (target < 2 s)"};
  bool measured = measure(run, generated, [&] { return std::filesystem::file_size(path) / 1048576.0; });
  if (!keep_files) {
    for (const char* suffix : {"", "-wal", "-shm", ".wide.csv"}) std::filesystem::remove(path + suffix);
  }
  return measured;
}

// pg_database_size of the database `target` names, read through the store's own connection.
double postgres_size_mib(const std::string& target) {
  nianbao::store::Connection connection(target, nianbao::store::OpenMode::read_only);
  nianbao::store::Statement size(connection.handle(), "SELECT pg_database_size(current_database())",
                                 "reading the benchmark database's size");
  return size.step() ? size.column_int64(0) / 1048576.0 : 0;
}

// A fresh server for this run (stopped and removed when this returns). A missing installation is
// a skip, not a failure; a server that is installed but does not start is a failure.
bool measure_postgres(const GeneratedReports& generated) {
  nianbao::testing::PostgresServer server;
  if (server.state() == nianbao::testing::PostgresState::binaries_missing) {
    std::printf("store ingest (PostgreSQL): skipped: no PostgreSQL (install postgresql): %s\n",
                server.unavailable_reason().c_str());
    return true;
  }
  if (!server.running()) {
    std::fprintf(stderr, "PostgreSQL is installed but the benchmark's server did not start: %s\n",
                 server.unavailable_reason().c_str());
    return false;
  }
  std::string target;
  try {
    target = server.create_database("store_bulk_bench");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return false;
  }
  std::string wide_csv = (std::filesystem::temp_directory_path() / "nianbao-store-bench-postgresql.wide.csv").string();
  std::printf("PostgreSQL: the benchmark's own server (test settings: fsync, full_page_writes and synchronous_commit "
              "off)\n");
  BackendRun run{"PostgreSQL", target, wide_csv, "", ""};
  bool measured = measure(run, generated, [&] { return postgres_size_mib(target); });
  std::filesystem::remove(wide_csv);
  return measured;
}

}  // namespace

//   store_bulk_bench [SQLITE_PATH] [--backend=sqlite|postgresql|both]   (default: both)
//
// Extraction is done before the clock starts. Targets (issue 8, SQLite): >= 500,000 cells/s; wide
// export < 2 s. SQLITE_PATH keeps the SQLite file and its wide CSV (default: the temp folder,
// removed after). PostgreSQL runs on a server of its own (tests/support/postgres_server.h: initdb +
// pg_ctl into a temp folder, Unix socket only, as `nobody` when run as root), stopped and removed
// at the end; where PostgreSQL is not installed its figures are skipped with a message and
// SQLite's still come out. Google Benchmark flags that bench/run.sh passes are ignored.
int main(int argc, char** argv) {
  std::string sqlite_path = (std::filesystem::temp_directory_path() / "nianbao-store-bench.sqlite").string();
  bool keep_files = false;
  std::string backend = "both";
  for (int index = 1; index < argc; ++index) {
    std::string argument = argv[index];
    if (argument.rfind("--backend=", 0) == 0) {
      backend = argument.substr(10);
    } else if (argument.rfind("--", 0) != 0) {
      sqlite_path = argument;
      keep_files = true;
    }
  }
  if (backend != "sqlite" && backend != "postgresql" && backend != "both") {
    std::fprintf(stderr, "--backend takes sqlite, postgresql or both, not '%s'\n", backend.c_str());
    return 2;
  }
  GeneratedReports generated = generate_reports();
  bool ok = true;
  if (backend != "postgresql") ok = measure_sqlite(sqlite_path, keep_files, generated) && ok;
  if (backend != "sqlite") ok = measure_postgres(generated) && ok;
  return ok ? 0 : 1;
}
