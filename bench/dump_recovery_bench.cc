// Run-together text dumps (issue 14): how many cells of the four `verified-dump` gold documents are
// recovered right, left null with a finding, or wrong (the share the test also prints), and how fast.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "tests/support/dump_score.h"

namespace {

namespace fs = std::filesystem;

struct DumpDocument {
  std::string relative;  // under fixtures/
  std::string bytes;
  nlohmann::json gold;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every document whose gold says `verified-dump`, found by its gold file beside it.
const std::vector<DumpDocument>& dump_documents() {
  static const std::vector<DumpDocument> documents = [] {
    std::vector<DumpDocument> found;
    fs::path root = fs::path(NIANBAO_FIXTURES_DIR);
    for (const auto& entry : fs::recursive_directory_iterator(root / "real")) {
      if (!entry.path().filename().string().ends_with(".expected.json")) continue;
      nlohmann::json gold = nlohmann::json::parse(read_file(entry.path()));
      if (gold.value("gold_quality", "") != "verified-dump") continue;
      fs::path document = entry.path().parent_path() / gold.at("document").get<std::string>();
      found.push_back({fs::relative(document, root).string(), read_file(document), gold});
    }
    return found;
  }();
  return documents;
}

void BM_VerifiedDumps(benchmark::State& state) {
  const auto& documents = dump_documents();
  if (documents.size() != 4) {
    state.SkipWithError(("expected the 4 verified-dump documents, found " + std::to_string(documents.size())).c_str());
    return;
  }
  int cells = 0, right = 0, null_named = 0, null_unnamed = 0, wrong = 0;
  for (const DumpDocument& document : documents) {
    nianbao::Extraction extraction = nianbao::extract_document({document.bytes, document.relative, ""});
    if (extraction.reports.size() != 1) {
      state.SkipWithError((document.relative + " gave no single report").c_str());
      return;
    }
    nianbao::testing::DumpScore score = nianbao::testing::score_dump(extraction.reports.front(), document.gold);
    cells += score.cells;
    right += score.right;
    null_named += score.null_named;
    null_unnamed += static_cast<int>(score.null_unnamed.size());
    wrong += static_cast<int>(score.wrong.size());
  }
  for (auto _ : state) {
    for (const DumpDocument& document : documents) {
      nianbao::Extraction extraction = nianbao::extract_document({document.bytes, document.relative, ""});
      benchmark::DoNotOptimize(extraction.reports.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * documents.size()));
  state.counters["cells"] = cells;
  state.counters["right"] = right;
  state.counters["right_share"] = static_cast<double>(right) / cells;
  state.counters["null_with_finding"] = null_named;
  state.counters["null_without_finding"] = null_unnamed;
  state.counters["wrong"] = wrong;  // target: 0
}
BENCHMARK(BM_VerifiedDumps)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
