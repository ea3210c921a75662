// The agencies registry: import (upsert by name and region code, aliases, parents resolved after
// the whole file, predecessors), idempotence, refusal of bad rows, ensure_agency, region prefixes;
// on both backends.
#include <gtest/gtest.h>

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

class AgencyRegistry : public ::testing::TestWithParam<Backend> {};

// Every row of the registry tables as text, to compare a database before and after.
std::string registry_dump(Session& db) {
  std::string dump;
  for (const char* sql :
       {"SELECT id || '|' || name || '|' || name_key || '|' || region_code || '|' || level || '|' || "
        "COALESCE(CAST(parent_id AS TEXT), '') || '|' || COALESCE(since, '') || '|' || COALESCE(until, '') FROM agencies ORDER BY id",
        "SELECT agency_id || '|' || alias || '|' || name_key FROM agency_aliases ORDER BY agency_id, name_key",
        "SELECT predecessor_id || '|' || successor_id || '|' || COALESCE(effective, '') FROM agency_succession "
        "ORDER BY predecessor_id, successor_id"}) {
    Statement rows(db, sql, "dumping the registry");
    while (rows.step()) dump += rows.column_text(0) + "\n";
  }
  return dump;
}

int64_t count(Session& db, const std::string& sql) {
  Statement query(db, sql, "counting");
  query.step();
  return query.column_int64(0);
}

std::string text(Session& db, const std::string& sql) {
  Statement query(db, sql, "reading");
  return query.step() && !query.is_null(0) ? query.column_text(0) : "";
}

// The crawl sources of fixtures/portal/sources.csv plus a registry around them: a parent named
// before it is defined, aliases, and a predecessor (平潭县人民政府 → 平潭综合实验区).
std::vector<AgencyRow> registry_rows() {
  return {
      {"reg.csv:2", "平潭综合实验区", "350128", "county", "福州市人民政府", "2012-01", "", {"平潭综合实验区管委会", "平潭实验区"},
       {"平潭县人民政府"}},
      {"reg.csv:3", "平潭县人民政府", "350128", "county", "福州市人民政府", "", "2011-12", {}, {}},
      {"reg.csv:4", "福州市人民政府", "350100", "city", "", "", "", {"福州市政府"}, {}},
      {"reg.csv:5", "淮安市洪泽区人民政府", "320813", "county", "", "", "", {"洪泽区政府"}, {}},
      {"reg.csv:6", "上海市科学技术委员会", "310000", "province", "", "", "", {}, {}},
  };
}

AgencyImportCounts import_in_transaction(Session& db, const std::vector<AgencyRow>& rows) {
  Transaction transaction(db, "test import");
  AgencyImportCounts counts = import_agencies(db, rows);
  transaction.commit();
  return counts;
}

TEST_P(AgencyRegistry, ImportStoresAgenciesAliasesParentsAndPredecessors) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  AgencyImportCounts counts = import_in_transaction(db, registry_rows());
  EXPECT_EQ(counts.added, 5);
  EXPECT_EQ(counts.updated, 0);
  EXPECT_EQ(counts.aliases_added, 3);  // 福州市政府 is the name itself
  EXPECT_EQ(counts.successions_added, 1);
  EXPECT_EQ(text(db, "SELECT p.name FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.name = '平潭综合实验区'"),
            "福州市人民政府");
  EXPECT_EQ(text(db, "SELECT name_key FROM agencies WHERE name = '淮安市洪泽区人民政府'"), "淮安市洪泽区政府");
  EXPECT_EQ(text(db, "SELECT name_key FROM agency_aliases WHERE alias = '平潭综合实验区管委会'"), "平潭综合实验区管委会");
  EXPECT_EQ(text(db, "SELECT p.name || '>' || s.name || '@' || e.effective FROM agency_succession e "
                     "JOIN agencies p ON p.id = e.predecessor_id JOIN agencies s ON s.id = e.successor_id"),
            "平潭县人民政府>平潭综合实验区@2012-01");
  // The alias 福州市政府 has the key of the name itself (人民政府 ≡ 政府): not stored twice.
  EXPECT_EQ(count(db, "SELECT count(*) FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id "
                      "WHERE a.name = '福州市人民政府'"),
            0);
}

TEST_P(AgencyRegistry, ImportingTheSameRowsTwiceChangesNothing) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  import_in_transaction(db, registry_rows());
  std::string before = registry_dump(db);
  AgencyImportCounts again = import_in_transaction(db, registry_rows());
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(again.aliases_added, 0);
  EXPECT_EQ(again.successions_added, 0);
  EXPECT_EQ(registry_dump(db), before);
  EXPECT_NE(before.find("平潭综合实验区|平潭综合实验区|350128|county|"), std::string::npos) << before;
}

TEST_P(AgencyRegistry, ASecondImportUpdatesGivenFieldsAndKeepsEmptyOnes) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  import_in_transaction(db, registry_rows());
  // The crawl sources file: agency, region_code, level only.
  AgencyImportCounts counts = import_in_transaction(
      db, {{"sources.csv:2", "平潭综合实验区", "350128", "", "", "", "", {}, {}},
           {"sources.csv:3", "上海市科学技术委员会", "310000", "province", "", "", "", {"上海市科委"}, {}}});
  EXPECT_EQ(counts.added, 0);
  EXPECT_EQ(counts.updated, 1);  // the new alias
  EXPECT_EQ(counts.unchanged, 1);
  EXPECT_EQ(text(db, "SELECT level || '|' || since || '|' || parent_id FROM agencies WHERE name = '平潭综合实验区'"),
            "county|2012-01|" + text(db, "SELECT id FROM agencies WHERE name = '福州市人民政府'"));
  EXPECT_EQ(count(db, "SELECT count(*) FROM agency_aliases"), 4);
}

// The first bad row is named with its origin, and the caller's transaction keeps nothing.
// (The caller has required the backend.)
std::string import_error(Backend backend, const std::vector<AgencyRow>& rows) {
  BackendDatabase database(backend);
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  try {
    import_in_transaction(db, rows);
  } catch (const StoreError& error) {
    EXPECT_EQ(count(db, "SELECT count(*) FROM agencies"), 0);
    return error.what();
  }
  return "no error";
}

TEST_P(AgencyRegistry, BadRowsAreRefusedWithTheirOrigin) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  std::vector<AgencyRow> rows = registry_rows();
  rows[1].parent = "福建省人民政府";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:3: unknown parent '福建省人民政府' (not in this file nor in the registry)");
  rows = registry_rows();
  rows[0].predecessors = {"平潭县政府办公室"};
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:2: unknown predecessor '平潭县政府办公室' (not in this file nor in the registry)");
  rows = registry_rows();
  rows[2].name = "（　）";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:4: the agency name '（　）' has no letters (only spaces or punctuation)");
  rows = registry_rows();
  rows[3].region_code = "32O813";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:5: region_code '32O813' is not digits");
  rows = registry_rows();
  rows[0].since = "2012/01";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:2: since '2012/01' is not YYYY, YYYY-MM or YYYY-MM-DD");
  rows = registry_rows();
  rows[1].since = "2013";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:3: until 2011-12 is before since 2013");
  rows = registry_rows();
  rows[4].name = "平潭县人民政府";
  rows[4].region_code = "350128";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:6: agency '平潭县人民政府' with region_code '350128' is already defined at reg.csv:3");
  rows = registry_rows();
  rows.push_back({"reg.csv:7", "淮安市洪泽区政府", "320813", "county", "", "", "", {}, {}});
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:7: agency '淮安市洪泽区政府' is the same name as '淮安市洪泽区人民政府' (reg.csv:5) "
                                "in region_code '320813': keep one row, make the other spelling an alias");
  rows = registry_rows();
  rows[2].parent = "平潭综合实验区";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:2: the parents of '平潭综合实验区' form a cycle");
  rows = registry_rows();
  rows[2].parent = "福州市政府";
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:4: agency '福州市人民政府' cannot be its own parent");
}

TEST_P(AgencyRegistry, AnotherSpellingOfARegisteredNameInItsRegionIsRefused) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  import_in_transaction(db, registry_rows());
  std::string before = registry_dump(db);
  try {
    import_in_transaction(db, {{"more.csv:2", "平潭縣政府", "350128", "", "", "", "", {}, {}}});
    ADD_FAILURE() << "imported a second spelling";
  } catch (const StoreError& error) {
    EXPECT_EQ(std::string(error.what()),
              "more.csv:2: agency '平潭縣政府' is the same name as the registered agency '平潭县人民政府' (id 2) in "
              "region_code '350128': use that name, or make this spelling an alias");
  }
  EXPECT_EQ(registry_dump(db), before);
  // In another region the same name is another agency.
  AgencyImportCounts counts = import_in_transaction(db, {{"more.csv:3", "平潭县人民政府", "350100", "", "", "", "", {}, {}}});
  EXPECT_EQ(counts.added, 1);
}

TEST_P(AgencyRegistry, AnAmbiguousParentIsNarrowedByRegionOrRefused) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  std::vector<AgencyRow> rows = registry_rows();
  rows.push_back({"reg.csv:7", "财政局", "350128", "county", "", "", "", {}, {}});
  rows.push_back({"reg.csv:8", "财政局", "320813", "county", "", "", "", {}, {}});
  rows.push_back({"reg.csv:9", "平潭综合实验区财政金融局", "350128", "county", "财政局", "", "", {}, {}});
  rows.push_back({"reg.csv:10", "省财政厅下属单位", "", "", "财政局", "", "", {}, {}});
  EXPECT_EQ(import_error(GetParam(), rows), "reg.csv:10: ambiguous parent '财政局': agencies 6 (350128), 7 (320813)");
  rows.pop_back();
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  import_in_transaction(connection.handle(), rows);
  EXPECT_EQ(text(connection.handle(), "SELECT p.region_code FROM agencies a JOIN agencies p ON p.id = a.parent_id "
                                      "WHERE a.name = '平潭综合实验区财政金融局'"),
            "350128");
}

TEST_P(AgencyRegistry, EnsureAgencyFindsOrRegistersTheCrawlSeedsAgency) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  Session& db = connection.handle();
  import_in_transaction(db, registry_rows());
  int64_t huaian = ensure_agency(db, "淮安市洪泽区人民政府", "320813", "county");
  EXPECT_EQ(text(db, "SELECT name FROM agencies WHERE id = " + std::to_string(huaian)), "淮安市洪泽区人民政府");
  // Same key in the same region (人民政府 ≡ 政府), or an alias: the known agency, not a new one.
  EXPECT_EQ(ensure_agency(db, "淮安市洪泽区政府", "320813", "county"), huaian);
  EXPECT_EQ(ensure_agency(db, "洪泽区政府", "320813", ""), huaian);
  EXPECT_EQ(count(db, "SELECT count(*) FROM agencies"), 5);
  // Another region code: another agency; registered once.
  int64_t demo = ensure_agency(db, "演示门户（大汉版式）", "000000", "demo");
  EXPECT_GT(demo, huaian);
  EXPECT_EQ(ensure_agency(db, "演示门户（大汉版式）", "000000", "demo"), demo);
  EXPECT_EQ(count(db, "SELECT count(*) FROM agencies"), 6);
  // A known agency without a level gets the seed's.
  int64_t bare = ensure_agency(db, "平潭综合实验区公安局", "350128", "");
  EXPECT_EQ(ensure_agency(db, "平潭综合实验区公安局", "350128", "county"), bare);
  EXPECT_EQ(text(db, "SELECT level FROM agencies WHERE id = " + std::to_string(bare)), "county");
  EXPECT_THROW(ensure_agency(db, "——", "350128", "county"), StoreError);
}

TEST(AgencyRegionPrefix, RegionPrefixDropsTrailingZeroPairs) {
  EXPECT_EQ(region_prefix("350128"), "350128");
  EXPECT_EQ(region_prefix("350100"), "3501");
  EXPECT_EQ(region_prefix("350000"), "35");
  EXPECT_EQ(region_prefix("320810"), "320810");
  EXPECT_EQ(region_prefix("000000"), "00");
  EXPECT_EQ(region_prefix(""), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, AgencyRegistry, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
