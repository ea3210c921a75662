// PDF extraction speed: whole reports per second (poppler text boxes → layout grids → recognizer
// → validation) over the three verified corpus PDFs, and the PDF reader alone.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/readers/pdf_reader.h"

namespace {

std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

const std::vector<std::string>& corpus_pdfs() {
  static const std::vector<std::string> pdfs = {
      read_fixture("real/kirogovcompare/hongze-district-2023.pdf"),
      read_fixture("real/kirogovcompare/hongze-district-2024.pdf"),
      read_fixture("real/govnianbao/huaian-city-2024.pdf"),
  };
  return pdfs;
}

void BM_PdfReportsPerSecond(benchmark::State& state) {
  const auto& pdfs = corpus_pdfs();
  size_t next = 0;
  for (auto _ : state) {
    nianbao::Extraction extraction = nianbao::extract_document({pdfs[next], "bench.pdf", ""});
    if (extraction.status != nianbao::ExtractStatus::ok) state.SkipWithError("a corpus PDF did not extract");
    benchmark::DoNotOptimize(extraction.reports);
    next = (next + 1) % pdfs.size();
  }
  state.SetItemsProcessed(state.iterations());  // items/s = PDF reports per second
}
BENCHMARK(BM_PdfReportsPerSecond)->Unit(benchmark::kMillisecond);

void BM_PdfReaderOnly(benchmark::State& state) {
  const auto& pdfs = corpus_pdfs();
  size_t next = 0;
  for (auto _ : state) {
    nianbao::ReaderResult result = nianbao::read_pdf_document(pdfs[next]);
    benchmark::DoNotOptimize(result.document.grids);
    next = (next + 1) % pdfs.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PdfReaderOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
