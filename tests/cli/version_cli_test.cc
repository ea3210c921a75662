// `nianbao --version` names the program and the extractor version a stored report records, so a
// dataset can say which reader produced it; it is an answer (exit 0), not a usage error.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "extract/extractor.h"
#include "tests/support/cli_runner.h"

namespace nianbao {
namespace {

TEST(VersionCli, PrintsProgramAndExtractorVersionsAndExitsZero) {
  testing::CliWorkspace work;
  testing::CommandResult result = work.run({"--version"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::regex expected(std::string(R"(nianbao [0-9]+\.[0-9]+\.[0-9]+ \(extractor )") +
                      std::regex_replace(kExtractorVersion, std::regex(R"(\.)"), R"(\.)") + R"(\)\n)");
  EXPECT_TRUE(std::regex_match(result.out, expected)) << result.out;
}

TEST(VersionCli, WithoutASubcommandIsStillAUsageError) {
  testing::CliWorkspace work;
  testing::CommandResult result = work.run({});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("subcommand"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace nianbao
