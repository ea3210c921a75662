// Bad input through the real binary: `nianbao extract` ends each bad file with exit 2 and a message
// naming it (or a report), never a crash; a failed `nianbao ingest` loses nothing already stored.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>

#include "common/sha256.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string fixture(const std::string& relative) { return std::string(NIANBAO_FIXTURES_DIR) + "/" + relative; }

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

class BadInputCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("nianbao-bad-input-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::mt19937 generator(20240131);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string garbage(64 * 1024, '\0');
    for (char& c : garbage) c = static_cast<char>(byte(generator));
    write(empty(), "");
    write(garbage_file(), garbage);
    std::string seed = slurp(fixture("seed/fushun-amr-2021.txt"));
    std::string cut = "5.屬于三類內部事務信息 | 0 | 0 | 0";
    write(truncated(), seed.substr(0, seed.find(cut) + cut.size()));
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string empty() const { return (dir_ / "empty.txt").string(); }
  std::string garbage_file() const { return (dir_ / "garbage.bin").string(); }
  std::string truncated() const { return (dir_ / "truncated.txt").string(); }

  CommandResult run(const std::string& arguments) const {
    std::string command = quote(NIANBAO_BINARY) + " " + arguments + " >" + quote((dir_ / "out").string()) + " 2>" +
                          quote((dir_ / "err").string());
    int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir_ / "out");
    result.err = slurp(dir_ / "err");
    return result;
  }

  fs::path dir_;
};

TEST_F(BadInputCli, EmptyFileExitsTwoWithAMessageNamingIt) {
  CommandResult result = run("extract " + quote(empty()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(empty()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(BadInputCli, BinaryGarbageExitsTwoWithAMessageNamingIt) {
  CommandResult result = run("extract " + quote(garbage_file()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(garbage_file()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(BadInputCli, DirectoryInsteadOfAFileExitsTwo) {
  CommandResult result = run("extract " + quote(dir_.string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(dir_.string()), std::string::npos) << result.err;
}

TEST_F(BadInputCli, TenMegabyteSingleLineIsAnsweredWithANotAReportRecord) {
  std::string line;
  const std::string unit = "政府信息公开 | 0 | 本年度 ";
  while (line.size() < 10 * 1024 * 1024) line += unit;
  fs::path big = dir_ / "one-line.txt";
  write(big, line);
  CommandResult result = run("extract " + quote(big.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("format"), "not_a_report");
  EXPECT_TRUE(lines[0].at("cells").empty());
}

TEST_F(BadInputCli, TruncatedTableIsExtractedWithFindingsNotACrash) {
  CommandResult result = run("extract " + quote(truncated()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = json_lines(result.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("format"), "f2021");
  EXPECT_EQ(lines[0].at("cells").at("t2.license.decisions").at("value"), 3948);
  EXPECT_FALSE(lines[0].at("cells").contains("t4.review.total"));
  EXPECT_FALSE(lines[0].at("findings").empty());
}

TEST_F(BadInputCli, GbkSeedGivesTheSameCellsAsTheUtf8Seed) {
  CommandResult utf8 = run("extract " + quote(fixture("seed/fushun-amr-2021.txt")));
  CommandResult gbk = run("extract " + quote(fixture("bad/seed-gbk.txt")));
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  ASSERT_EQ(gbk.exit_code, 0) << gbk.err;
  auto utf8_lines = json_lines(utf8.out);
  auto gbk_lines = json_lines(gbk.out);
  ASSERT_EQ(utf8_lines.size(), 1u);
  ASSERT_EQ(gbk_lines.size(), 1u);
  const nlohmann::json& want = utf8_lines[0].at("cells");
  const nlohmann::json& got = gbk_lines[0].at("cells");
  EXPECT_EQ(got.size(), 200u);
  EXPECT_EQ(want.size(), 200u);
  for (const auto& [key, cell] : want.items()) {
    ASSERT_TRUE(got.contains(key)) << key;
    EXPECT_EQ(got.at(key).at("value"), cell.at("value")) << key;
    EXPECT_EQ(got.at(key).at("raw"), cell.at("raw")) << key;
  }
  EXPECT_EQ(gbk_lines[0].at("agency"), "抚顺市市场监督管理局");
  EXPECT_EQ(gbk_lines[0].at("report_year"), 2021);
  EXPECT_EQ(gbk_lines[0].at("charset"), "GB18030");
  EXPECT_NE(gbk_lines[0].at("sha256"), utf8_lines[0].at("sha256"));  // different bytes, same report
}

TEST_F(BadInputCli, FailedIngestsLoseNothingAlreadyStored) {
  std::string db = (dir_ / "store.sqlite").string();
  std::string seed = fixture("seed/fushun-amr-2021.txt");
  CommandResult first = run("ingest --db " + quote(db) + " " + quote(seed));
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // Each bad file alone, then all of them together: exit 2 and a message naming the file.
  std::string missing = (dir_ / "missing.txt").string();
  for (const std::string& bad : {empty(), garbage_file(), missing}) {
    CommandResult result = run("ingest --db " + quote(db) + " " + quote(bad));
    EXPECT_EQ(result.exit_code, 2) << bad;
    EXPECT_NE(result.err.find(bad), std::string::npos) << result.err;
  }
  CommandResult together = run("ingest --db " + quote(db) + " " + quote(empty()) + " " + quote(garbage_file()) + " " +
                     quote(missing));
  EXPECT_EQ(together.exit_code, 2);

  CommandResult listed = run("reports --db " + quote(db) + " --json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto reports = json_lines(listed.out);
  ASSERT_EQ(reports.size(), 1u) << listed.out;
  EXPECT_EQ(reports[0].at("agency"), "抚顺市市场监督管理局");
  EXPECT_EQ(reports[0].at("report_year"), 2021);
  EXPECT_EQ(reports[0].at("format"), "f2021");
  EXPECT_EQ(reports[0].at("sha256"), sha256_hex(slurp(seed)));
  EXPECT_EQ(reports[0].at("source"), seed);
}

TEST_F(BadInputCli, IngestKeepsGoingAfterABadFile) {
  std::string db = (dir_ / "store.sqlite").string();
  CommandResult result = run("ingest --db " + quote(db) + " " + quote(garbage_file()) + " " +
                   quote(fixture("seed/fushun-amr-2021.txt")) + " " + quote(empty()));
  EXPECT_EQ(result.exit_code, 2);
  CommandResult listed = run("reports --db " + quote(db) + " --json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto reports = json_lines(listed.out);
  ASSERT_EQ(reports.size(), 1u) << listed.out;
  EXPECT_EQ(reports[0].at("agency"), "抚顺市市场监督管理局");
}

TEST_F(BadInputCli, ReportsOnAMissingDatabaseExitsTwo) {
  std::string db = (dir_ / "never-created.sqlite").string();
  CommandResult result = run("reports --db " + quote(db) + " --json");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(fs::exists(db));
}

}  // namespace
}  // namespace nianbao
