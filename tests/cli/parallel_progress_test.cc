// The progress line of bulk runs: drawn on stderr when it is a terminal (a pty from script(1)),
// ending at "N/N documents", erased at the end; stdout is the same as without a terminal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::shell_quote;
using nianbao::testing::slurp;

std::vector<std::string> real_pages() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture_path("real"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".html") files.push_back(entry.path().string());
  }
  return files;
}

TEST(ParallelProgress, ATerminalSeesTheProgressLineAndStdoutIsUnchanged) {
  if (std::system("script --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) (util-linux) is not installed";
  CliWorkspace work;
  std::vector<std::string> files = real_pages();
  ASSERT_GE(files.size(), 5u);
  std::string command = shell_quote(NIANBAO_BINARY) + " extract -j 2";
  for (const std::string& file : files) command += " " + shell_quote(file);
  std::string tty_out = work.file("tty.jsonl"), screen = work.file("screen.txt");
  std::string in_pty = command + " >" + shell_quote(tty_out);
  int status = std::system(("script -qec " + shell_quote(in_pty) + " /dev/null >" + shell_quote(screen) + " </dev/null").c_str());
  ASSERT_EQ(status, 0);
  std::string drawn = slurp(screen);
  std::string total = std::to_string(files.size());
  EXPECT_NE(drawn.find("\rextract  ["), std::string::npos) << drawn;
  EXPECT_NE(drawn.find(total + "/" + total + " documents"), std::string::npos) << drawn;
  EXPECT_NE(drawn.find("\r\033[2K"), std::string::npos) << "the line is erased at the end";
  std::vector<std::string> args = {"extract", "-j", "2"};
  args.insert(args.end(), files.begin(), files.end());
  CommandResult piped = work.run(args);
  EXPECT_EQ(piped.err, "");
  EXPECT_TRUE(slurp(tty_out) == piped.out) << "the progress line never reaches stdout";
}

}  // namespace
}  // namespace nianbao
