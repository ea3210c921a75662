// End-to-end tests of `nianbao copy`: real fixtures ingested into SQLite by the binary, copied to
// PostgreSQL and back, compared table by table, document by document and command by command.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "store/connection.h"
#include "store/database_copy.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"
#include "tests/support/postgres_server.h"

namespace {

using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;
using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::lines_of;
using nianbao::testing::PostgresServer;

// Several formats: plain text, HTML (UTF-8 and GBK), PDF, DOCX, markdown; two agencies' names that
// the registry links through an alias.
const std::vector<std::string> kFixtures = {
    "seed/fushun-amr-2021.txt",
    "html/mutation-seed-2021.html",
    "html/pingtan-2023-gbk-wrong-meta.html",
    "real/govnianbao/huaian-city-2024.pdf",
    "real/govnianbao/template-2021-format-blank.docx",
    "real/kirogovcompare/shanghai-stcsm-2024-source.md",
    "portal/site/hanweb/art/2025/1/15/art_1229_5009.html",
};
const std::string kRegistry = "agencies/stcsm-with-alias.csv";

using Dump = std::map<std::string, std::vector<std::string>>;

// Every table's rows, read through the store's own read-only connection.
Dump dump_database(const std::string& target) {
  nianbao::store::Connection connection(target, nianbao::store::OpenMode::read_only);
  Dump dump;
  for (const std::string& table : nianbao::store::list_tables(connection.handle())) {
    dump[table] = nianbao::store::table_dump(connection.handle(), table);
  }
  return dump;
}

// id -> (sha256 column, sha256 recomputed from the stored bytes).
std::map<int64_t, std::pair<std::string, std::string>> document_hashes(const std::string& target) {
  nianbao::store::Connection connection(target, nianbao::store::OpenMode::read_only);
  nianbao::store::Statement rows(connection.handle(), "SELECT id, sha256, bytes FROM documents", "test: documents");
  std::map<int64_t, std::pair<std::string, std::string>> hashes;
  while (rows.step()) hashes[rows.column_int64(0)] = {rows.column_text(1), nianbao::sha256_hex(rows.column_blob(2))};
  return hashes;
}

void run_sql(const std::string& target, const std::string& sql) {
  nianbao::store::Connection connection(target, nianbao::store::OpenMode::existing);
  nianbao::store::execute(connection.handle(), sql, "test: " + sql);
}

// The read commands whose output must not depend on the backend (the database named by "DB").
const std::vector<std::vector<std::string>> kReadCommands = {
    {"reports", "--db", "DB"},
    {"reports", "--db", "DB", "--json"},
    {"show", "--db", "DB"},
    {"show", "--db", "DB", "--source"},
    {"export", "--db", "DB", "--format", "csv", "--out", "-"},
    {"export", "--db", "DB", "--format", "jsonl", "--out", "-"},
    {"export", "--db", "DB", "--format", "csv", "--wide", "--with-derived", "--out", "-"},
    {"corrections", "--db", "DB", "--json"},
    {"agencies", "list", "--db", "DB"},
};

std::vector<std::string> with_database(std::vector<std::string> args, const std::string& db) {
  for (std::string& arg : args) {
    if (arg == "DB") arg = db;
  }
  return args;
}

// One SQLite database filled by the binary, shared by the suite (ingesting the PDF takes seconds).
class CopyCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = new CliWorkspace;
    source_ = work_->file("original.sqlite");
    std::vector<std::string> ingest = {"ingest", "--db", source_};
    for (const std::string& fixture : kFixtures) ingest.push_back(fixture_path(fixture));
    ingest_result_ = work_->run(ingest);
    imported_ = work_->run({"agencies", "import", "--db", source_, fixture_path(kRegistry)});
    std::string first_report = nianbao::testing::backend_one(source_, "SELECT min(id) FROM reports");
    corrected_ = work_->run({"correct", "--db", source_, "--report", first_report, "--key", "t3.new_received.total",
                             "--value", "12345", "--reason", "copy test", "--by", "tester"});
  }
  static void TearDownTestSuite() {
    delete work_;
    work_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(ingest_result_.exit_code, 0) << ingest_result_.err;
    ASSERT_EQ(imported_.exit_code, 0) << imported_.err;
    ASSERT_EQ(corrected_.exit_code, 0) << corrected_.err;
  }

  static CliWorkspace* work_;
  static std::string source_;
  static CommandResult ingest_result_;
  static CommandResult imported_;
  static CommandResult corrected_;
};

CliWorkspace* CopyCli::work_ = nullptr;
std::string CopyCli::source_;
CommandResult CopyCli::ingest_result_;
CommandResult CopyCli::imported_;
CommandResult CopyCli::corrected_;

std::string expected_summary(const Dump& dump) {
  int64_t rows = 0;
  for (const auto& [table, lines] : dump) rows += static_cast<int64_t>(lines.size());
  nianbao::store::CopySummary summary;
  for (const auto& [table, lines] : dump) summary.tables.push_back({table, static_cast<int64_t>(lines.size())});
  summary.rows = rows;
  summary.documents = static_cast<int64_t>(dump.at("documents").size());
  summary.sha256_verified = true;
  return nianbao::store::describe(summary);
}

TEST_F(CopyCli, SqliteToPostgresqlAndBackKeepsEveryRowDocumentAndOutput) {
  NIANBAO_REQUIRE_POSTGRES(server);
  const std::string postgres = server.create_database("copy_round_trip");
  const std::string back = work_->file("back.sqlite");

  Dump original = dump_database(source_);
  ASSERT_GE(original.at("documents").size(), kFixtures.size());
  ASSERT_FALSE(original.at("cells").empty());
  ASSERT_FALSE(original.at("corrections").empty());
  ASSERT_FALSE(original.at("agencies").empty());
  ASSERT_FALSE(original.at("agency_aliases").empty());

  CommandResult to_postgres = work_->run({"copy", "--from", source_, "--to", postgres});
  ASSERT_EQ(to_postgres.exit_code, 0) << to_postgres.err;
  EXPECT_EQ(to_postgres.out, expected_summary(original) + " (" + source_ + " -> " + postgres + ")\n");
  CommandResult to_sqlite = work_->run({"copy", "--from", postgres, "--to", back});
  ASSERT_EQ(to_sqlite.exit_code, 0) << to_sqlite.err;
  EXPECT_EQ(to_sqlite.out, expected_summary(original) + " (" + postgres + " -> " + back + ")\n");

  // Every table's rows, value for value (doubles exactly, blobs by hash), on all three.
  Dump on_postgres = dump_database(postgres);
  Dump on_back = dump_database(back);
  ASSERT_EQ(on_postgres.size(), original.size());
  for (const auto& [table, rows] : original) {
    EXPECT_EQ(on_postgres[table], rows) << "table " << table << " on PostgreSQL";
    EXPECT_EQ(on_back[table], rows) << "table " << table << " back in SQLite";
  }

  // Documents byte-exact: the bytes hash to their sha256 column, under the same ids, everywhere.
  auto hashes = document_hashes(source_);
  ASSERT_EQ(hashes.size(), original.at("documents").size());
  for (const auto& [id, hash] : hashes) EXPECT_EQ(hash.first, hash.second) << "document " << id;
  EXPECT_EQ(document_hashes(postgres), hashes);
  EXPECT_EQ(document_hashes(back), hashes);

  // The commands print the same bytes on all three.
  for (const auto& command : kReadCommands) {
    CommandResult expected = work_->run(with_database(command, source_));
    ASSERT_EQ(expected.exit_code, 0) << command[0] << ": " << expected.err;
    ASSERT_FALSE(expected.out.empty()) << command[0];
    for (const std::string& copy : {postgres, back}) {
      CommandResult found = work_->run(with_database(command, copy));
      EXPECT_EQ(found.exit_code, 0) << command[0] << " on " << copy << ": " << found.err;
      EXPECT_EQ(found.out, expected.out) << command[0] << " " << command.back() << " on " << copy;
    }
  }
}

TEST_F(CopyCli, PostgresqlIdsContinueAfterTheCopiedOnes) {
  NIANBAO_REQUIRE_POSTGRES(server);
  const std::string postgres = server.create_database("copy_identities");
  ASSERT_EQ(work_->run({"copy", "--from", source_, "--to", postgres}).exit_code, 0);
  const std::string max_document = nianbao::testing::backend_one(source_, "SELECT max(id) FROM documents");
  const std::string max_correction = nianbao::testing::backend_one(source_, "SELECT max(id) FROM corrections");

  // A new document and a new correction get the next ids, not ids the copy already used.
  CommandResult ingested = work_->run({"ingest", "--db", postgres, fixture_path("html/split-2019-report.html")});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  EXPECT_EQ(nianbao::testing::backend_one(postgres, "SELECT max(id) FROM documents"),
            std::to_string(std::stoll(max_document) + 1));
  std::string report = nianbao::testing::backend_one(postgres, "SELECT min(id) FROM reports");
  CommandResult corrected =
      work_->run({"correct", "--db", postgres, "--report", report, "--key", "t3.new_received.total", "--value", "7",
                  "--reason", "after copy", "--by", "t"});
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  EXPECT_EQ(nianbao::testing::backend_one(postgres, "SELECT max(id) FROM corrections"),
            std::to_string(std::stoll(max_correction) + 1));
}

class CopyCliTarget : public CopyCli, public ::testing::WithParamInterface<Backend> {};

TEST_P(CopyCliTarget, RefusesANonEmptyTargetAndLeavesItUnchanged) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  ASSERT_EQ(work_->run({"ingest", "--db", target.target(), fixture_path("seed/fushun-amr-2021.txt")}).exit_code, 0);
  Dump before = dump_database(target.target());

  CommandResult refused = work_->run({"copy", "--from", source_, "--to", target.target()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_TRUE(refused.out.empty()) << refused.out;
  EXPECT_NE(refused.err.find("not empty: table "), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(" holds 1 row;"), std::string::npos) << refused.err;
  EXPECT_EQ(dump_database(target.target()), before);
}

TEST_P(CopyCliTarget, AConstraintFailingHalfWayLeavesTheTargetAsItWas) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  // A fresh database, then a rule the source's reports break: documents are copied before reports,
  // so the failure comes after rows were written in the same transaction.
  nianbao::store::Connection(target.target(), nianbao::store::OpenMode::create);
  std::string agency = nianbao::testing::backend_one(source_, "SELECT agency FROM reports ORDER BY id DESC LIMIT 1");
  ASSERT_FALSE(agency.empty());
  if (GetParam() == Backend::sqlite) {
    run_sql(target.target(), "CREATE TRIGGER refuse_agency BEFORE INSERT ON reports WHEN NEW.agency = '" + agency +
                                 "' BEGIN SELECT RAISE(ABORT, 'agency refused by the test'); END");
  } else {
    run_sql(target.target(), "ALTER TABLE reports ADD CONSTRAINT refuse_agency CHECK (agency <> '" + agency + "')");
  }
  Dump before = dump_database(target.target());
  ASSERT_TRUE(before.at("documents").empty());

  CommandResult failed = work_->run({"copy", "--from", source_, "--to", target.target()});
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("copying table reports"), std::string::npos) << failed.err;
  EXPECT_EQ(dump_database(target.target()), before);
}

TEST_P(CopyCliTarget, ATargetAtAnotherSchemaVersionIsRefusedUnchanged) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  nianbao::store::Connection(target.target(), nianbao::store::OpenMode::create);
  run_sql(target.target(),
          GetParam() == Backend::sqlite ? "PRAGMA user_version = 99" : "UPDATE nianbao_schema SET version = 99");
  // SQLite: the file's bytes; PostgreSQL cannot be read at version 99 (nor written: refused at open).
  std::string bytes_before = GetParam() == Backend::sqlite ? nianbao::testing::slurp(target.target()) : "";
  CommandResult refused = work_->run({"copy", "--from", source_, "--to", target.target()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("schema version 99"), std::string::npos) << refused.err;
  if (GetParam() == Backend::sqlite) {
    EXPECT_EQ(nianbao::testing::slurp(target.target()), bytes_before);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CopyCliTarget, NIANBAO_BOTH_BACKENDS);

TEST(CopyCliUsage, AMissingSourceOrTheSameDatabaseExitsTwoWithTheReason) {
  CliWorkspace work;
  CommandResult missing = work.run({"copy", "--from", work.file("absent.sqlite"), "--to", work.file("new.sqlite")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("absent.sqlite"), std::string::npos) << missing.err;
  CommandResult same = work.run({"copy", "--from", work.file("a.sqlite"), "--to", work.file("a.sqlite")});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_NE(same.err.find("onto itself"), std::string::npos) << same.err;
  CommandResult no_to = work.run({"copy", "--from", work.file("a.sqlite")});
  EXPECT_EQ(no_to.exit_code, 2);
}

}  // namespace
