// refresh_report_copies on real copies of the 平潭 2023 report: the HTML page is primary, the text
// copy with one changed number and the archive's text dump point at it, and the one cell that
// disagrees becomes an X3 finding on the primary. Refreshing again changes nothing.
#include "store/report_copies.h"

#include <gtest/gtest.h>

#include "extract/readers/html_reader.h"
#include "extract/report_builder.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "linked_agency_store.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using testing::Backend;

const std::string kArchive = "real/pingtan-archive/zfxxgknb/";
const std::string kFolder2023 = kArchive + "202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/";
const std::string kHtml2023 = kFolder2023 + "page.html";
const std::string kTextDump2023 = kFolder2023 + "page.txt";
const std::string kTextCopy2023 = "copies/pingtan-2023-text-copy.txt";  // 行政许可 2692 for 2629
const std::string kHtml2024 = kArchive + "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html";
const std::string kLetter2014 = kArchive + "201412/80787_关于2014年政府信息公开工作要点落实情况的函/page.html";

// A store holding ingested fixtures, all linked to one agency, and a second connection for the
// refresh (the way the linker would call it: inside its own transaction), on either backend.
class CopiesStore : public store_test::LinkedAgencyStore {
 public:
  explicit CopiesStore(Backend backend) : LinkedAgencyStore(backend) {}

  void refresh() {
    Transaction transaction(handle(), "refreshing the copies");
    refresh_report_copies(handle(), agency_id());
    transaction.commit();
  }

  // Every row refresh_report_copies writes or touches, as text, for the idempotence check.
  std::string snapshot() const { return LinkedAgencyStore::snapshot(true); }

  std::string copy_of(int64_t report_id) const {
    return text("SELECT copy_of FROM reports WHERE id = " + std::to_string(report_id));
  }

  // The letter as extractor 0.1.0 stored it: one report record of format not_a_report, linked to
  // the agency. (Today the letter is a notice and yields no report at all.)
  int64_t add_legacy_letter() {
    std::string bytes = testing::read_fixture(kLetter2014);
    Extraction legacy = extract_document({bytes, kLetter2014, ""});
    Report letter = build_report(read_html_document(bytes, "").document);
    letter.format = Format::not_a_report;
    legacy.role = DocumentRole::report;
    legacy.reports = {letter};
    IngestOutcome outcome = Database(path()).ingest(bytes, kLetter2014, legacy);
    int64_t report_id = count("SELECT id FROM reports WHERE document_id = " + std::to_string(outcome.document_id));
    execute(handle(),
            "UPDATE reports SET agency_id = " + std::to_string(agency_id()) + " WHERE id = " + std::to_string(report_id),
            "test setup");
    return report_id;
  }
};

class ReportCopies : public ::testing::TestWithParam<Backend> {};

int gold_cell_count() {
  return static_cast<int>(testing::read_gold(kFolder2023 + "page.expected.json").at("cells").size());
}

TEST_P(ReportCopies, TheHtmlPageIsPrimaryAndTheChangedCellIsOneX3Finding) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CopiesStore store(GetParam());
  // The text copy comes first (lowest id) and has as many cells as the page: HTML still wins.
  int64_t text_copy = store.add(kTextCopy2023);
  int64_t html = store.add(kHtml2023);
  int64_t dump = store.add(kTextDump2023);
  int64_t next_year = store.add(kHtml2024);
  store.refresh();

  EXPECT_EQ(store.copy_of(html), "");
  EXPECT_EQ(store.copy_of(text_copy), std::to_string(html));
  EXPECT_EQ(store.copy_of(dump), std::to_string(html));
  EXPECT_EQ(store.copy_of(next_year), "");

  std::string x3 = "FROM findings WHERE rule = 'X3'";
  ASSERT_EQ(store.count("SELECT count(*) " + x3), 1);
  EXPECT_EQ(store.count("SELECT report_id " + x3), html);
  EXPECT_EQ(store.text("SELECT origin " + x3), "cross_report");
  EXPECT_EQ(store.text("SELECT severity " + x3), "warning");
  EXPECT_EQ(store.text("SELECT cells " + x3), R"(["t2.license.decisions"])");
  double gold_value = testing::read_gold(kFolder2023 + "page.expected.json").at("cells").at("t2.license.decisions");
  EXPECT_EQ(std::stod(store.text("SELECT actual " + x3)), gold_value);
  EXPECT_EQ(store.text("SELECT expected " + x3),
            store.text("SELECT value FROM cells WHERE key = 't2.license.decisions' AND report_id = " +
                       std::to_string(text_copy)));
  EXPECT_NE(store.text("SELECT expected " + x3), store.text("SELECT actual " + x3));
  std::string message = store.text("SELECT message " + x3);
  EXPECT_NE(message.find(kHtml2023), std::string::npos) << message;
  EXPECT_NE(message.find(kTextCopy2023), std::string::npos) << message;
  EXPECT_NE(message.find("t2.license.decisions"), std::string::npos) << message;

  // Tally over both copies: the text copy agrees on all but one key; the run-together dump states
  // most cells (all agreeing with the page) and leaves the ambiguous ones null (not assessable).
  int64_t dump_stated = store.count("SELECT count(*) FROM cells WHERE value IS NOT NULL AND key NOT LIKE 'extra.%' "
                                    "AND report_id = " + std::to_string(dump));
  ASSERT_GT(dump_stated, 150);
  ASSERT_LT(dump_stated, gold_cell_count());
  std::string tally = "FROM checks WHERE rule = 'X3' AND report_id = " + std::to_string(html);
  EXPECT_EQ(store.count("SELECT passed " + tally), gold_cell_count() - 1 + dump_stated);
  EXPECT_EQ(store.count("SELECT failed " + tally), 1);
  EXPECT_EQ(store.count("SELECT not_assessable " + tally), gold_cell_count() - dump_stated);
  EXPECT_EQ(store.count("SELECT count(*) FROM checks WHERE rule = 'X3'"), 1);
}

TEST_P(ReportCopies, RefreshingAgainWritesTheSameRows) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CopiesStore store(GetParam());
  store.add(kTextCopy2023);
  store.add(kHtml2023);
  store.add(kTextDump2023);
  store.refresh();
  std::string first = store.snapshot();
  store.refresh();
  EXPECT_EQ(store.snapshot(), first);
  store.refresh();
  EXPECT_EQ(store.snapshot(), first);
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE rule = 'X3'"), 1);
}

TEST_P(ReportCopies, TheExtractFindingsOfEveryCopyStay) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CopiesStore store(GetParam());
  store.add(kHtml2023);
  int64_t dump = store.add(kTextDump2023);
  int64_t before = store.count("SELECT count(*) FROM findings WHERE origin = 'extract'");
  ASSERT_GT(store.count("SELECT count(*) FROM findings WHERE report_id = " + std::to_string(dump)), 0);
  store.refresh();
  store.refresh();
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE origin = 'extract'"), before);
}

// Without an HTML copy: the copy with the most stated cells, then the oldest.
TEST_P(ReportCopies, WithoutHtmlTheFullestCopyThenTheOldestIsPrimary) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CopiesStore store(GetParam());
  int64_t dump = store.add(kTextDump2023);  // digits run together: fewer stated cells
  int64_t text_copy = store.add(kTextCopy2023);
  // The same text with a trailing newline: other bytes, same cells, a later id.
  int64_t mirror = store.add("mirror/" + kTextCopy2023, testing::read_fixture(kTextCopy2023) + "\n");
  store.refresh();
  EXPECT_EQ(store.copy_of(text_copy), "");
  EXPECT_EQ(store.copy_of(dump), std::to_string(text_copy));
  EXPECT_EQ(store.copy_of(mirror), std::to_string(text_copy));
  // The mirror has identical numbers; the dump agrees with the HTML page, so it differs from the
  // text copy on the one cell the text copy changed.
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE rule = 'X3'"), 1);
  EXPECT_EQ(store.text("SELECT cells FROM findings WHERE rule = 'X3'"), R"(["t2.license.decisions"])");
  int64_t dump_stated = store.count("SELECT count(*) FROM cells WHERE value IS NOT NULL AND key NOT LIKE 'extra.%' "
                                    "AND report_id = " + std::to_string(dump));
  EXPECT_EQ(store.count("SELECT passed FROM checks WHERE rule = 'X3' AND report_id = " + std::to_string(text_copy)),
            gold_cell_count() + dump_stated - 1);
}

// A copy that is no longer one (here: a not_a_report record an older extractor stored) loses its
// link and the primary's old X3 findings go; new ones are appended after the existing findings.
TEST_P(ReportCopies, StaleLinksAndFindingsAreReplaced) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  CopiesStore store(GetParam());
  int64_t html = store.add(kHtml2023);
  int64_t text_copy = store.add(kTextCopy2023);
  ASSERT_TRUE(extract_document({testing::read_fixture(kLetter2014), kLetter2014, ""}).reports.empty());
  int64_t letter = store.add_legacy_letter();
  ASSERT_EQ(store.text("SELECT format FROM reports WHERE id = " + std::to_string(letter)), "not_a_report");
  execute(store.handle(),
          "UPDATE reports SET copy_of = " + std::to_string(html) + " WHERE id = " + std::to_string(letter),
          "test setup");
  execute(store.handle(),
          "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, origin) VALUES (" +
              std::to_string(html) + ", 7, 'X3', 'warning', 'stale', '[]', 'cross_report')",
          "test setup");
  store.refresh();
  EXPECT_EQ(store.copy_of(letter), "");
  EXPECT_EQ(store.copy_of(text_copy), std::to_string(html));
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE message = 'stale'"), 0);
  ASSERT_EQ(store.count("SELECT count(*) FROM findings WHERE rule = 'X3'"), 1);
  int64_t extract_findings =
      store.count("SELECT count(*) FROM findings WHERE origin = 'extract' AND report_id = " + std::to_string(html));
  EXPECT_EQ(store.count("SELECT ordinal FROM findings WHERE rule = 'X3'"), extract_findings);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportCopies, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
