// `nianbao extract -j N` over every document fixture (HTML, PDF, DOCX, text, broken files and a
// missing one): byte-identical stdout, stderr and exit code with -j 1 and -j 4, in input order.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::json_lines;
using nianbao::testing::lines_of;

bool is_document(const std::filesystem::path& path) {
  static const std::set<std::string> kinds = {".html", ".htm", ".pdf", ".docx", ".doc", ".txt"};
  return kinds.count(path.extension().string()) > 0;
}

// Every document under fixtures/, sorted, with a missing file in the middle.
std::vector<std::string> document_fixtures_and_a_missing_file(const std::string& missing) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture_path(""))) {
    if (entry.is_regular_file() && is_document(entry.path())) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  files.insert(files.begin() + static_cast<std::ptrdiff_t>(files.size() / 2), missing);
  return files;
}

std::vector<std::string> with_jobs(const std::string& jobs, const std::vector<std::string>& files) {
  std::vector<std::string> args = {"extract", "-j", jobs};
  args.insert(args.end(), files.begin(), files.end());
  return args;
}

class ParallelExtract : public ::testing::Test {
 protected:
  void SetUp() override {
    missing_ = work_.file("no-such-report.html");
    files_ = document_fixtures_and_a_missing_file(missing_);
  }
  CliWorkspace work_;
  std::string missing_;
  std::vector<std::string> files_;
};

TEST_F(ParallelExtract, FixturesCoverEveryKindOfDocument) {
  std::map<std::string, int> kinds;
  for (const std::string& file : files_) ++kinds[std::filesystem::path(file).extension().string()];
  EXPECT_GE(files_.size(), 60u);
  for (const char* kind : {".html", ".pdf", ".docx", ".txt"}) EXPECT_GE(kinds[kind], 3) << kind;
}

TEST_F(ParallelExtract, OneAndFourWorkersPrintTheSameBytes) {
  CommandResult one = work_.run(with_jobs("1", files_));
  CommandResult four = work_.run(with_jobs("4", files_));
  EXPECT_EQ(one.exit_code, 2) << "the missing and the broken files fail the run";
  EXPECT_EQ(four.exit_code, one.exit_code);
  EXPECT_GT(json_lines(one.out).size(), 60u);
  EXPECT_TRUE(one.out == four.out) << "stdout differs between -j 1 and -j 4";
  EXPECT_EQ(four.err, one.err);
}

TEST_F(ParallelExtract, OutputFollowsTheInputOrderAndOnlyTheBadFilesFail) {
  CommandResult result = work_.run(with_jobs("4", files_));
  std::vector<std::string> sources;  // one per file, in the order printed
  for (const nlohmann::json& line : json_lines(result.out)) {
    std::string source = line.at("source").get<std::string>();
    if (sources.empty() || sources.back() != source) sources.push_back(source);
  }
  std::vector<std::string> failed;
  for (const std::string& line : lines_of(result.err)) {
    auto named = std::find_if(files_.begin(), files_.end(), [&](const std::string& file) { return line.find(file) != std::string::npos; });
    ASSERT_NE(named, files_.end()) << "every error names its file: " << line;
    failed.push_back(*named);
  }
  std::sort(failed.begin(), failed.end());
  std::vector<std::string> broken = {missing_};  // the fixtures made to fail, and the missing file
  for (const std::string& file : files_) {
    if (file.find("/bad/") != std::string::npos && std::filesystem::path(file).extension() != ".txt") broken.push_back(file);
  }
  std::sort(broken.begin(), broken.end());
  EXPECT_TRUE(std::includes(failed.begin(), failed.end(), broken.begin(), broken.end())) << "each broken file fails";
  EXPECT_GE(sources.size(), 60u) << "the others are read";
  std::vector<std::string> expected_sources;
  for (const std::string& file : files_) {
    if (!std::binary_search(failed.begin(), failed.end(), file)) expected_sources.push_back(file);
  }
  EXPECT_EQ(sources, expected_sources) << "every good file is printed, in the order given";
}

TEST_F(ParallelExtract, NoProgressLineWhenStderrIsAPipe) {
  std::vector<std::string> good;
  for (const std::string& file : files_) {
    bool real_page = file.find("/real/") != std::string::npos && std::filesystem::path(file).extension() == ".html";
    if (real_page && good.size() < 20) good.push_back(file);
  }
  CommandResult result = work_.run(with_jobs("2", good));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "") << "piped stderr stays clean: no progress line";
  EXPECT_EQ(result.out.find('\r'), std::string::npos);
}

TEST_F(ParallelExtract, JobsMustNotBeNegative) {
  CommandResult result = work_.run({"extract", "-j", "-1", files_.front()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace nianbao
