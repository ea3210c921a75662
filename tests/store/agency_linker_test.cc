// Linking reports to the registry: exact and alias matches, ambiguity narrowed by the seed's region
// code (never resolved by guessing), the seed's agency for a report that prints none, relinking
// and the unmatched listing; on both backends.
#include <gtest/gtest.h>

#include <iomanip>
#include <memory>
#include <sstream>

#include "store/agency_linker.h"
#include "store/agency_registry.h"
#include "store/connection.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using testing::Backend;
using testing::BackendDatabase;

struct StoredReport {
  std::string printed;
  std::string seed_agency;
  std::string seed_region_code;
  int year = 2024;
  std::string format = "f2021";
  std::string origin = "report.html";
};

class AgencyLinkerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<BackendDatabase>(GetParam());
    connection_ = std::make_unique<Connection>(database_->target(), OpenMode::create);
    Transaction transaction(db_(), "test registry");
    import_agencies(db_(), {
        {"r:2", "平潭综合实验区", "350128", "county", "", "", "", {"平潭实验区"}, {}},
        {"r:3", "淮安市洪泽区人民政府", "320813", "county", "", "", "", {}, {}},
        {"r:4", "上海市科学技术委员会", "310000", "province", "", "", "", {"上海市科委"}, {}},
        // One short name in two counties, and as an alias in a third region.
        {"r:5", "公安局", "350128", "county", "", "", "", {}, {}},
        {"r:6", "公安局", "320813", "county", "", "", "", {}, {}},
        {"r:7", "上海市公安局", "310000", "province", "", "", "", {"公安局"}, {}},
    });
    transaction.commit();
  }

  int64_t agency(const std::string& name, const std::string& region_code) {
    Statement query(db_(), "SELECT id FROM agencies WHERE name = ?1 AND region_code = ?2", "test");
    query.bind(1, name).bind(2, region_code);
    return query.step() ? query.column_int64(0) : 0;
  }

  int64_t add_report(const StoredReport& report) {
    std::ostringstream sha;
    sha << std::setw(64) << std::setfill('0') << ++documents_;
    Statement document(db_(),
                       "INSERT INTO documents (sha256, bytes, size, media_type, charset, origin, extract_status, "
                       "extract_message) VALUES (?1, ?2, length(?2), 'text/html', 'UTF-8', ?3, 'ok', '') RETURNING id",
                       "test document");
    document.bind(1, sha.str()).bind_blob(2, "<html>" + report.printed + "</html>").bind(3, report.origin);
    document.step();
    int64_t document_id = document.column_int64(0);
    document.reset();
    Statement insert(db_(),
                     "INSERT INTO reports (document_id, ordinal, agency, report_year, format, scope, title, "
                     "extractor_version, text, seed_agency, seed_region_code) "
                     "VALUES (?6, 0, ?1, ?2, ?3, 'own_organ', '', 'test', '', ?4, ?5) RETURNING id",
                     "test report");
    insert.bind(1, report.printed).bind(2, report.year).bind(3, report.format).bind(4, report.seed_agency)
        .bind(5, report.seed_region_code).bind(6, document_id);
    insert.step();
    return insert.column_int64(0);
  }

  std::string match_of(int64_t report_id) {
    Statement query(db_(), "SELECT agency_match || '|' || COALESCE(CAST(agency_id AS TEXT), 'NULL') FROM reports WHERE id = ?1", "test");
    query.bind(1, report_id);
    return query.step() ? query.column_text(0) : "";
  }

  std::string linked(const std::string& how, int64_t agency_id) {
    return how + "|" + (agency_id ? std::to_string(agency_id) : "NULL");
  }

  store::Session& db_() { return connection_->handle(); }

  std::unique_ptr<BackendDatabase> database_;
  std::unique_ptr<Connection> connection_;
  int documents_ = 0;
};

TEST_P(AgencyLinkerTest, PrintedNamesLinkByNameKeyOrAlias) {
  int64_t exact = add_report({"上海市科学技术委员会", "", ""});
  int64_t spaced = add_report({"上海市 科學技術委員會", "", ""});
  int64_t alias = add_report({"上海市科委", "", ""});
  int64_t government = add_report({"淮安市洪泽区政府", "", ""});
  int64_t unknown = add_report({"上海市经济和信息化委员会", "", ""});
  int64_t stcsm = agency("上海市科学技术委员会", "310000");
  EXPECT_EQ(link_report_agency(db_(), exact), stcsm);
  EXPECT_EQ(link_report_agency(db_(), spaced), stcsm);
  EXPECT_EQ(link_report_agency(db_(), alias), stcsm);
  EXPECT_EQ(link_report_agency(db_(), government), agency("淮安市洪泽区人民政府", "320813"));
  EXPECT_EQ(link_report_agency(db_(), unknown), 0);
  EXPECT_EQ(match_of(exact), linked("exact", stcsm));
  EXPECT_EQ(match_of(spaced), linked("exact", stcsm));
  EXPECT_EQ(match_of(alias), linked("alias", stcsm));
  EXPECT_EQ(match_of(unknown), "unmatched|NULL");
}

TEST_P(AgencyLinkerTest, SeveralCandidatesAreNarrowedByTheSeedsRegionCode) {
  int64_t pingtan = add_report({"公安局", "平潭综合实验区", "350128"});
  int64_t fuzhou = add_report({"公安局", "福州市人民政府", "350100"});  // keeps 3501*
  int64_t hongze = add_report({"公安局", "淮安市洪泽区人民政府", "320813"});
  int64_t shanghai = add_report({"公安局", "上海市人民政府", "310000"});  // the alias, by region
  EXPECT_EQ(link_report_agency(db_(), pingtan), agency("公安局", "350128"));
  EXPECT_EQ(link_report_agency(db_(), fuzhou), agency("公安局", "350128"));
  EXPECT_EQ(link_report_agency(db_(), hongze), agency("公安局", "320813"));
  EXPECT_EQ(link_report_agency(db_(), shanghai), agency("上海市公安局", "310000"));
  EXPECT_EQ(match_of(pingtan), linked("exact", agency("公安局", "350128")));
  EXPECT_EQ(match_of(shanghai), linked("alias", agency("上海市公安局", "310000")));
}

TEST_P(AgencyLinkerTest, AmbiguityWithoutADecidingRegionIsKeptNotGuessed) {
  int64_t no_region = add_report({"公安局", "", ""});
  int64_t jiangsu = add_report({"公安局", "江苏省人民政府", "320000"});  // keeps 32*: one
  int64_t elsewhere = add_report({"公安局", "北京市人民政府", "110000"});  // keeps none: all three stay
  EXPECT_EQ(link_report_agency(db_(), no_region), 0);
  EXPECT_EQ(match_of(no_region), "ambiguous|NULL");
  EXPECT_EQ(link_report_agency(db_(), jiangsu), agency("公安局", "320813"));
  EXPECT_EQ(link_report_agency(db_(), elsewhere), 0);
  EXPECT_EQ(match_of(elsewhere), "ambiguous|NULL");
  AgencyNameMatch match = match_agency_name(db_(), "公安局", "110000");
  EXPECT_EQ(match.candidates, (std::vector<int64_t>{agency("公安局", "350128"), agency("公安局", "320813"),
                                                    agency("上海市公安局", "310000")}));
}

TEST_P(AgencyLinkerTest, AReportPrintingNoAgencyTakesTheSeedsAgency) {
  int64_t seeded = add_report({"", "平潭综合实验区", "350128"});
  int64_t by_alias = add_report({"  ", "平潭实验区", "350128"});
  int64_t unknown_seed = add_report({"", "平潭综合实验区管委会", "350128"});
  int64_t no_seed = add_report({"", "", ""});
  int64_t pingtan = agency("平潭综合实验区", "350128");
  EXPECT_EQ(link_report_agency(db_(), seeded), pingtan);
  EXPECT_EQ(match_of(seeded), linked("seed", pingtan));
  EXPECT_EQ(link_report_agency(db_(), by_alias), pingtan);
  EXPECT_EQ(match_of(by_alias), linked("seed", pingtan));
  EXPECT_EQ(link_report_agency(db_(), unknown_seed), 0);
  EXPECT_EQ(match_of(unknown_seed), "unmatched|NULL");
  EXPECT_EQ(link_report_agency(db_(), no_seed), 0);
  EXPECT_EQ(match_of(no_seed), "unmatched|NULL");
  // A printed name wins over the seed, even when it does not resolve: never merged silently.
  int64_t printed = add_report({"上海市经济和信息化委员会", "平潭综合实验区", "350128"});
  EXPECT_EQ(link_report_agency(db_(), printed), 0);
  EXPECT_EQ(match_of(printed), "unmatched|NULL");
}

TEST_P(AgencyLinkerTest, RelinkReturnsTheAgenciesWhoseReportsChanged) {
  int64_t full = add_report({"上海市科学技术委员会", "", ""});
  int64_t short_name = add_report({"上海市科经委", "", "", 2023});
  int64_t hongze = add_report({"淮安市洪泽区人民政府", "", ""});
  int64_t stcsm = agency("上海市科学技术委员会", "310000");
  int64_t huaian = agency("淮安市洪泽区人民政府", "320813");
  EXPECT_EQ(relink_reports(db_()), (std::vector<int64_t>{huaian, stcsm}));
  EXPECT_EQ(relink_reports(db_()), std::vector<int64_t>{});  // nothing moved
  {
    Transaction transaction(db_(), "test alias");
    import_agencies(db_(), {{"r:8", "上海市科学技术委员会", "310000", "", "", "", "", {"上海市科经委"}, {}}});
    transaction.commit();
  }
  EXPECT_EQ(relink_reports(db_()), std::vector<int64_t>{stcsm});
  EXPECT_EQ(match_of(short_name), linked("alias", stcsm));
  EXPECT_EQ(match_of(full), linked("exact", stcsm));
  EXPECT_EQ(match_of(hongze), linked("exact", huaian));
  AgencyLinkCounts counts = agency_link_counts(db_());
  EXPECT_EQ(counts.linked, 3);
  EXPECT_EQ(counts.unmatched, 0);
}

TEST_P(AgencyLinkerTest, UnmatchedNamesGroupTheirReportsYearsAndSources) {
  int64_t a = add_report({"上海市经济和信息化委员会", "", "", 2023, "f2021", "https://sheitc.sh.gov.cn/2023.html"});
  int64_t b = add_report({"上海市经济和信息化委员会", "", "", 2024, "f2021", "https://sheitc.sh.gov.cn/2024.pdf"});
  int64_t c = add_report({"公安局", "", "", 2022});
  int64_t d = add_report({"", "平潭综合实验区管委会", "350128", 2021});
  add_report({"上海市经济和信息化委员会", "", "", 2024, "not_a_report", "https://sheitc.sh.gov.cn/list.html"});
  add_report({"上海市科委", "", ""});  // resolves by alias
  relink_reports(db_());
  std::vector<UnmatchedName> names = unmatched_names(db_());
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0].printed_name, "");
  EXPECT_EQ(names[0].seed_agency, "平潭综合实验区管委会");
  EXPECT_EQ(names[0].match, "unmatched");
  EXPECT_EQ(names[0].report_ids, std::vector<int64_t>{d});
  EXPECT_EQ(names[1].printed_name, "上海市经济和信息化委员会");
  EXPECT_EQ(names[1].report_ids, (std::vector<int64_t>{a, b}));
  EXPECT_EQ(names[1].years, (std::vector<int>{2023, 2024}));
  EXPECT_EQ(names[1].sources,
            (std::vector<std::string>{"https://sheitc.sh.gov.cn/2023.html", "https://sheitc.sh.gov.cn/2024.pdf"}));
  EXPECT_TRUE(names[1].candidates.empty());
  EXPECT_EQ(names[2].printed_name, "公安局");
  EXPECT_EQ(names[2].match, "ambiguous");
  EXPECT_EQ(names[2].report_ids, std::vector<int64_t>{c});
  ASSERT_EQ(names[2].candidates.size(), 3u);
  EXPECT_EQ(names[2].candidates[0].name, "公安局");
  EXPECT_EQ(names[2].candidates[0].region_code, "350128");
  EXPECT_EQ(names[2].candidates[2].name, "上海市公安局");
}

INSTANTIATE_TEST_SUITE_P(Backends, AgencyLinkerTest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
