// HTML extraction speed on the verified corpus pages (平潭 2019, 2023, 2024, 2025 report pages):
// the whole of extract_document beside the bare Gumbo parse of the same bytes, so the cost of
// everything after parsing is visible. Target (issue 9): extraction ≤ 1.3× the Gumbo parse;
// bench/extract_throughput.sh prints the ratio of the two.
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace {

const std::vector<std::string>& corpus_pages() {
  static const std::vector<std::string> pages = [] {
    const char* relative[] = {
        "real/pingtan-archive/zfxxgknb/202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html",
        "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html",
        "real/pingtan-archive/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html",
        "real/pingtan-archive/zfxxgknb/202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.html",
    };
    std::vector<std::string> loaded;
    for (const char* path : relative) {
      std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/" + path, std::ios::binary);
      if (!in) throw std::runtime_error(std::string("cannot open fixture ") + path);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      loaded.push_back(bytes.str());
    }
    return loaded;
  }();
  return pages;
}

int64_t total_bytes() {
  int64_t bytes = 0;
  for (const std::string& page : corpus_pages()) bytes += static_cast<int64_t>(page.size());
  return bytes;
}

void report_rates(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus_pages().size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes());
}

void BM_GumboParseOnly(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : corpus_pages()) {
      GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      benchmark::DoNotOptimize(output->root);
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  }
  report_rates(state);
}

void BM_ExtractHtmlReports(benchmark::State& state) {
  for (const std::string& page : corpus_pages()) {  // untimed: warm ICU and check the pages still read
    nianbao::Extraction check = nianbao::extract_document({page, "bench", ""});
    if (check.status != nianbao::ExtractStatus::ok || check.reports.empty() || check.reports[0].cells.size() < 198) {
      state.SkipWithError("a corpus page no longer extracts to its standard cells");
      return;
    }
  }
  for (auto _ : state) {
    for (const std::string& page : corpus_pages()) {
      nianbao::Extraction extraction = nianbao::extract_document({page, "bench", ""});
      benchmark::DoNotOptimize(extraction.reports.data());
    }
  }
  report_rates(state);
}

}  // namespace

BENCHMARK(BM_GumboParseOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractHtmlReports)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
