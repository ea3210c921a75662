// Robustness of the HTML reader: 10,000 mutated report pages (tags deleted, random spans inserted,
// bytes flipped, truncated) are read without a crash, and what comes out keeps its invariants.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "extract/extractor.h"
#include "extract/readers/html_reader.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

constexpr int kMutations = 10000;  // NIANBAO_MUTATIONS overrides in local runs

class PageMutator {
 public:
  explicit PageMutator(uint32_t seed) : random_(seed) {}

  std::string mutate(std::string page) {
    int steps = 1 + pick(3);
    for (int i = 0; i < steps && !page.empty(); ++i) {
      switch (pick(6)) {
        case 0: delete_tag(page); break;
        case 1: insert_span(page); break;
        case 2: flip_bytes(page); break;
        case 3: page.resize(pick(static_cast<int>(page.size()))); break;
        case 4: duplicate_range(page); break;
        default: insert_markup(page); break;
      }
    }
    return page;
  }

 private:
  int pick(int bound) { return bound <= 0 ? 0 : static_cast<int>(random_() % static_cast<uint32_t>(bound)); }

  void delete_tag(std::string& page) {
    size_t open = page.find('<', pick(static_cast<int>(page.size())));
    if (open == std::string::npos) return;
    size_t close = page.find('>', open);
    if (close != std::string::npos) page.erase(open, close - open + 1);
  }

  void insert_span(std::string& page) {
    size_t cell = page.find("<td", pick(static_cast<int>(page.size())));
    if (cell == std::string::npos) return;
    static const char* kSpans[] = {" rowspan=\"%d\"", " colspan=\"%d\"", " rowspan=\"0\"", " colspan=\"-3\"",
                                   " rowspan=\"99999\"", " colspan=\"abc\""};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, kSpans[pick(6)], 1 + pick(40));
    page.insert(cell + 3, buffer);
  }

  void flip_bytes(std::string& page) {
    for (int i = 0; i < 1 + pick(16); ++i) page[static_cast<size_t>(pick(static_cast<int>(page.size())))] ^= static_cast<char>(1 + pick(255));
  }

  void duplicate_range(std::string& page) {
    size_t from = static_cast<size_t>(pick(static_cast<int>(page.size())));
    size_t length = std::min<size_t>(static_cast<size_t>(pick(2000)), page.size() - from);
    page.insert(static_cast<size_t>(pick(static_cast<int>(page.size()))), page.substr(from, length));
  }

  void insert_markup(std::string& page) {
    static const char* kMarkup[] = {"<table>", "</table>", "<tr>", "</td>", "<td>", "<table><tr><td>",
                                    "<!--", "<script>", "&nbsp;", "<br/>", "<p>（七）总计</p>", "<td>123</td>"};
    page.insert(static_cast<size_t>(pick(static_cast<int>(page.size()))), kMarkup[pick(12)]);
  }

  std::mt19937 random_;
};

void expect_grid_invariants(const Grid& grid) {
  for (const auto& row : grid.rows) {
    ASSERT_EQ(row.size(), grid.column_count());
    for (const GridCell& cell : row) {
      ASSERT_GE(cell.origin.row, 0);
      ASSERT_LT(static_cast<size_t>(cell.origin.row), grid.row_count());
      ASSERT_GE(cell.origin.col, 0);
      ASSERT_LT(static_cast<size_t>(cell.origin.col), grid.column_count());
    }
  }
}

void expect_report_invariants(const Report& report) {
  for (const auto& [key, cell] : report.cells) {
    if (cell.value) {
      ASSERT_TRUE(std::isfinite(cell.value->value)) << key;
    }
    if (cell.derived) {
      ASSERT_FALSE(cell.value.has_value()) << key << " has both a stated and a derived value";
    }
  }
}

TEST(HtmlMutation, TenThousandMutatedPagesNeverCrashTheReader) {
  const std::vector<std::string> originals = {
      testing::read_fixture("html/split-2019-report.html"),
      testing::read_fixture("html/mutation-seed-2021.html"),
  };
  PageMutator mutator(20260101);
  int read_ok = 0;
  for (int i = 0; i < kMutations; ++i) {
    std::string page = mutator.mutate(originals[static_cast<size_t>(i) % originals.size()]);
    ReaderResult read = read_html_document(page, i % 3 == 0 ? "gbk" : "");
    for (const Grid& grid : read.document.grids) expect_grid_invariants(grid);
    if (read.status == ExtractStatus::ok) ++read_ok;
    if (i % 10 == 0) {  // the whole pipeline on every tenth page
      Extraction extraction = extract_document({page, "mutation " + std::to_string(i), ""});
      for (const Report& report : extraction.reports) expect_report_invariants(report);
    }
    if (::testing::Test::HasFatalFailure()) FAIL() << "mutation " << i;
  }
  EXPECT_GT(read_ok, kMutations / 2);  // most mutations still leave a readable page
}

}  // namespace
}  // namespace nianbao
