// The database as the `nianbao` binary opens it: read commands on a file and directory another
// user may not write (run as `nobody` through setpriv when the tests run as root), foreign SQLite
// files refused and left unchanged, empty files accepted, and concurrent first ingests.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "store/schema.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::json_lines;
using nianbao::testing::shell_quote;
using nianbao::testing::slurp;

const std::string kSeed = "seed/fushun-amr-2021.txt";
const std::string kDerived2019 = "derived/f2019-pipe.txt";
const std::string kDerived2021 = "derived/f2021-pipe.txt";
const std::string kSeedAgency = "抚顺市市场监督管理局";

std::string fixture(const std::string& relative) { return std::string(NIANBAO_FIXTURES_DIR) + "/" + relative; }

// Runs a shell command line, capturing its output in the workspace.
CommandResult run_line(const CliWorkspace& work, const std::string& line) {
  std::string command = line + " >" + shell_quote(work.file("stdout")) + " 2>" + shell_quote(work.file("stderr"));
  int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(work.file("stdout")), slurp(work.file("stderr"))};
}

std::string quoted_args(const std::vector<std::string>& args) {
  std::string text;
  for (const std::string& arg : args) text += " " + shell_quote(arg);
  return text;
}

// How to run the binary as a user who may not write the test's files: `nobody` through setpriv
// when the tests run as root, the current user (a 0444 file in a 0555 directory) otherwise.
class OtherUser {
 public:
  explicit OtherUser(const CliWorkspace& work) : work_(work) {
    if (geteuid() != 0) {
      usable_ = true;
      binary_ = NIANBAO_BINARY;
      return;
    }
    prefix_ = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      why_not_ = "running as root and setpriv (util-linux) is missing: cannot run the binary as another user";
      return;
    }
    usable_ = true;
    binary_ = NIANBAO_BINARY;
    if (std::system((prefix_ + "test -x " + shell_quote(binary_)).c_str()) != 0) {
      // The build tree is not reachable by nobody: run a copy from the workspace.
      binary_ = work.file("nianbao");
      fs::copy_file(NIANBAO_BINARY, binary_);
      fs::permissions(binary_, fs::perms(0755));
    }
  }
  bool usable() const { return usable_; }
  bool is_root() const { return !prefix_.empty(); }
  const std::string& why_not() const { return why_not_; }

  CommandResult run(const std::vector<std::string>& args) const {
    return run_line(work_, prefix_ + shell_quote(binary_) + quoted_args(args));
  }

 private:
  const CliWorkspace& work_;
  bool usable_ = false;
  std::string prefix_, binary_, why_not_;
};

// A database of three real reports in `dir`/db.sqlite, written by `nianbao ingest` and closed.
std::string ingest_three(const CliWorkspace& work, const std::string& dir) {
  fs::create_directories(dir);
  std::string db = dir + "/db.sqlite";
  CommandResult ingest = work.run({"ingest", "--db", db, fixture(kSeed), fixture(kDerived2019), fixture(kDerived2021)});
  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  return db;
}

// The read commands, each as it would be typed, for a database at `db`.
std::vector<std::vector<std::string>> read_commands(const std::string& db) {
  return {{"reports", "--db", db},
          {"reports", "--db", db, "--json"},
          {"show", "--db", db, "--source"},
          {"export", "--db", db, "--format", "csv", "--out", "-"},
          {"compare", "--db", db, "--agency", kSeedAgency, "--format", "json"},
          {"corrections", "--db", db},
          {"agencies", "list", "--db", db},
          {"agencies", "unmatched", "--db", db},
          {"audit", "--db", db, "--year", "2021", "--json"}};
}

// A 0755 workspace holding ro/ (0555) with a 0444 copy of a closed database; restored for removal.
class ReadOnlyTree {
 public:
  ReadOnlyTree(const CliWorkspace& work, const std::string& source_db) : dir_(work.file("ro")), db_(dir_ + "/db.sqlite") {
    fs::permissions(work.dir(), fs::perms(0755));
    fs::create_directories(dir_);
    fs::copy_file(source_db, db_);
    fs::permissions(db_, fs::perms(0444));
    fs::permissions(dir_, fs::perms(0555));
  }
  ~ReadOnlyTree() {
    std::error_code ignored;
    fs::permissions(dir_, fs::perms(0755), ignored);
  }
  const std::string& db() const { return db_; }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    return names;
  }

 private:
  std::string dir_, db_;
};

TEST(ReadOnlyDatabase, ReportsAndShowWorkOnA0444FileInA0555DirectoryForAnotherUser) {
  CliWorkspace work;
  OtherUser reader(work);
  if (!reader.usable()) GTEST_SKIP() << reader.why_not();
  std::string writable = ingest_three(work, work.file("rw"));
  CommandResult expected_reports = work.run({"reports", "--db", writable, "--json"});
  CommandResult expected_show = work.run({"show", "--db", writable, "--source"});
  ASSERT_EQ(expected_reports.exit_code, 0) << expected_reports.err;
  ASSERT_EQ(expected_show.exit_code, 0) << expected_show.err;
  std::vector<nlohmann::json> listed = json_lines(expected_reports.out);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0]["sha256"], sha256_hex(slurp(fixture(kSeed))));
  EXPECT_EQ(listed[0]["agency"], kSeedAgency);

  ReadOnlyTree tree(work, writable);
  std::string before = slurp(tree.db());
  CommandResult reports = reader.run({"reports", "--db", tree.db(), "--json"});
  EXPECT_EQ(reports.exit_code, 0) << reports.err;
  EXPECT_EQ(reports.out, expected_reports.out);
  CommandResult show = reader.run({"show", "--db", tree.db(), "--source"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out, expected_show.out);
  EXPECT_NE(show.out.find(kSeedAgency), std::string::npos);

  EXPECT_EQ(slurp(tree.db()), before);
  EXPECT_EQ(tree.entries(), std::vector<std::string>{"db.sqlite"}) << "no -wal/-shm/-journal may appear";
}

TEST(ReadOnlyDatabase, AWriteCommandOnTheReadOnlyFileSaysWhyAndChangesNothing) {
  CliWorkspace work;
  OtherUser writer(work);
  if (!writer.usable()) GTEST_SKIP() << writer.why_not();
  ReadOnlyTree tree(work, ingest_three(work, work.file("rw")));
  std::string before = slurp(tree.db());
  CommandResult ingest = writer.run({"ingest", "--db", tree.db(), fixture(kSeed)});
  EXPECT_EQ(ingest.exit_code, 2);
  EXPECT_NE(ingest.err.find(tree.db() + ": cannot write the database: the file, its directory or its mount is read-only"),
            std::string::npos)
      << ingest.err;
  EXPECT_EQ(slurp(tree.db()), before);
  EXPECT_EQ(tree.entries(), std::vector<std::string>{"db.sqlite"});
}

TEST(ReadOnlyDatabase, EveryReadCommandGivesTheSameOutputOnTheReadOnlyCopy) {
  CliWorkspace work;
  OtherUser reader(work);
  if (!reader.usable()) GTEST_SKIP() << reader.why_not();
  std::string writable = ingest_three(work, work.file("rw"));
  std::vector<CommandResult> expected;
  for (const auto& command : read_commands(writable)) {
    expected.push_back(work.run(command));
    ASSERT_EQ(expected.back().exit_code, 0) << command[0] << ": " << expected.back().err;
  }
  ReadOnlyTree tree(work, writable);
  std::vector<std::vector<std::string>> commands = read_commands(tree.db());
  for (size_t index = 0; index < commands.size(); ++index) {
    SCOPED_TRACE(commands[index][0] + " " + commands[index][1]);
    CommandResult result = reader.run(commands[index]);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::string expected_out = expected[index].out;
    // Texts that name the database file name the copy.
    for (size_t at = expected_out.find(writable); at != std::string::npos; at = expected_out.find(writable, at))
      expected_out.replace(at, writable.size(), tree.db());
    EXPECT_EQ(result.out, expected_out);
  }
  EXPECT_EQ(tree.entries(), std::vector<std::string>{"db.sqlite"});
}

// A writer (root) keeps the file open in WAL mode with a commit not yet checkpointed; the reader
// (nobody, who cannot write the -shm file) reads through the WAL under SQLite's locks.
TEST(ReadOnlyDatabase, AReaderSeesWhatAWriterStillHoldingTheFileCommitted) {
  CliWorkspace work;
  OtherUser reader(work);
  if (!reader.usable() || !reader.is_root()) GTEST_SKIP() << "needs root, to write as one user and read as another";
  std::string writable = ingest_three(work, work.file("rw"));
  ReadOnlyTree tree(work, writable);
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(tree.db().c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "PRAGMA wal_autocheckpoint = 0; UPDATE reports SET agency = agency || '（改）' WHERE id = 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(fs::exists(tree.db() + "-wal"));
  CommandResult reports = reader.run({"reports", "--db", tree.db(), "--json"});
  sqlite3_close(writer);
  ASSERT_EQ(reports.exit_code, 0) << reports.err;
  std::vector<nlohmann::json> listed = json_lines(reports.out);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0]["agency"], kSeedAgency + "（改）");
}

TEST(ReadOnlyDatabase, AnOlderSchemaIsNotUpgradedByAReadCommand) {
  CliWorkspace work;
  std::string db = work.file("release.sqlite");
  fs::copy_file(fixture("store/release-0.1.sqlite"), db);
  std::string before = slurp(db);
  CommandResult reports = work.run({"reports", "--db", db});
  EXPECT_EQ(reports.exit_code, 2);
  EXPECT_NE(reports.err.find(db + ": schema version 2 is older than this nianbao's (" +
                             std::to_string(store::latest_schema_version()) + ")"),
            std::string::npos)
      << reports.err;
  EXPECT_NE(reports.err.find("run a write command"), std::string::npos) << reports.err;
  EXPECT_EQ(slurp(db), before);
}

// ---- foreign and empty files ----

void write_foreign_database(const std::string& path) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL);"
                         "INSERT INTO invoices (amount) VALUES (12.5), (99);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
}

TEST(ForeignDatabase, IngestRefusesAnotherProgramsFileAndLeavesItUnchanged) {
  CliWorkspace work;
  std::string db = work.file("accounts.sqlite");
  write_foreign_database(db);
  std::string before = slurp(db);
  CommandResult ingest = work.run({"ingest", "--db", db, fixture(kSeed)});
  EXPECT_EQ(ingest.exit_code, 2);
  EXPECT_NE(ingest.err.find(db + ": not a nianbao database: it holds 1 table (invoices)"), std::string::npos) << ingest.err;
  EXPECT_EQ(ingest.out, "");
  CommandResult reports = work.run({"reports", "--db", db});
  EXPECT_EQ(reports.exit_code, 2);
  EXPECT_NE(reports.err.find("not a nianbao database"), std::string::npos) << reports.err;
  EXPECT_EQ(slurp(db), before);
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_FALSE(fs::exists(db + "-shm"));
}

TEST(ForeignDatabase, IngestAcceptsAnEmptyFile) {
  CliWorkspace work;
  std::string db = work.file("empty.sqlite");
  std::ofstream(db).close();
  CommandResult ingest = work.run({"ingest", "--db", db, fixture(kSeed)});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  std::vector<nlohmann::json> listed = json_lines(work.run({"reports", "--db", db, "--json"}).out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["sha256"], sha256_hex(slurp(fixture(kSeed))));
}

// ---- concurrent first ingests ----

TEST(ConcurrentIngest, TwentyTrialsOfTwoFirstIngestsIntoANewFileStoreFortyOfForty) {
  CliWorkspace work;
  std::string first = shell_quote(fixture(kSeed)), second = shell_quote(fixture(kDerived2019));
  std::vector<std::string> expected = {sha256_hex(slurp(fixture(kSeed))), sha256_hex(slurp(fixture(kDerived2019)))};
  std::sort(expected.begin(), expected.end());
  int stored = 0;
  for (int trial = 0; trial < 20; ++trial) {
    std::string db = work.file("race-" + std::to_string(trial) + ".sqlite");
    std::string binary = shell_quote(NIANBAO_BINARY);
    std::string both = binary + " ingest --db " + shell_quote(db) + " " + first + " & a=$!; " + binary + " ingest --db " +
                       shell_quote(db) + " " + second + " & b=$!; rc=0; wait $a || rc=1; wait $b || rc=1; exit $rc";
    CommandResult result = run_line(work, "sh -c " + shell_quote(both));
    EXPECT_EQ(result.exit_code, 0) << "trial " << trial << ": " << result.err;
    std::vector<std::string> shas;
    for (const nlohmann::json& line : json_lines(work.run({"reports", "--db", db, "--json"}).out))
      shas.push_back(line["sha256"]);
    std::sort(shas.begin(), shas.end());
    EXPECT_EQ(shas, expected) << "trial " << trial;
    stored += static_cast<int>(shas.size());
  }
  EXPECT_EQ(stored, 40);
}

}  // namespace
}  // namespace nianbao
