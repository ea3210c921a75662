// Benchmark of `extract_document` on the seed and on the two derived pipe-table reports: reports per
// second (items_per_second) and input megabytes per second (bytes_per_second). Run by bench/run.sh.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "extract/extractor.h"

namespace {

std::string read_fixture(const std::string& relative) {
  std::string path = std::string(NIANBAO_FIXTURES_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void extract_fixture(benchmark::State& state, const char* relative, size_t expected_cells) {
  const std::string bytes = read_fixture(relative);
  // One untimed run to check the input still extracts to what it should (a benchmark of a failing
  // extraction measures nothing useful) and to warm ICU's caches.
  nianbao::Extraction check = nianbao::extract_document({bytes, relative, ""});
  if (check.status != nianbao::ExtractStatus::ok || check.reports.size() != 1 ||
      check.reports.front().cells.size() < expected_cells) {
    state.SkipWithError((std::string(relative) + " did not extract: " + check.message).c_str());
    return;
  }
  for (auto _ : state) {
    nianbao::Extraction extraction = nianbao::extract_document({bytes, relative, ""});
    benchmark::DoNotOptimize(extraction.reports.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));  // one report per document
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
  state.counters["input_bytes"] = static_cast<double>(bytes.size());
}

void BM_ExtractSeed(benchmark::State& state) { extract_fixture(state, "seed/fushun-amr-2021.txt", 200); }
void BM_ExtractDerived2019(benchmark::State& state) { extract_fixture(state, "derived/f2019-pipe.txt", 198); }
void BM_ExtractDerived2021(benchmark::State& state) { extract_fixture(state, "derived/f2021-pipe.txt", 200); }

}  // namespace

BENCHMARK(BM_ExtractSeed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ExtractDerived2019)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ExtractDerived2021)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
