// robots.txt parsing and matching: group selection by product token, longest match, Allow on
// ties, wildcards and end anchors, Crawl-delay.
#include <gtest/gtest.h>

#include "crawler/robots_rules.h"

namespace nianbao::crawler {
namespace {

TEST(RobotsRules, DisallowPrefixBlocksOnlyThatSubtree) {
  auto rules = RobotsRules::parse("User-agent: *\nDisallow: /admin/\n", "nianbao");
  EXPECT_FALSE(rules.allows("/admin/login.jsp"));
  EXPECT_TRUE(rules.allows("/administrator"));
  EXPECT_TRUE(rules.allows("/zfxxgk/index.html"));
}

TEST(RobotsRules, SpecificGroupReplacesTheStarGroup) {
  auto rules = RobotsRules::parse("User-agent: *\nDisallow: /\n\nUser-agent: Nianbao\nDisallow: /private\n", "nianbao");
  EXPECT_TRUE(rules.allows("/zfxxgk/"));
  EXPECT_FALSE(rules.allows("/private/x"));
}

TEST(RobotsRules, LongestMatchWinsAndAllowWinsTies) {
  auto rules = RobotsRules::parse("User-agent: *\nDisallow: /xxgk/\nAllow: /xxgk/nb/\nDisallow: /same\nAllow: /same\n", "nianbao");
  EXPECT_FALSE(rules.allows("/xxgk/other.html"));
  EXPECT_TRUE(rules.allows("/xxgk/nb/index.html"));
  EXPECT_TRUE(rules.allows("/same"));
}

TEST(RobotsRules, WildcardsAndEndAnchor) {
  auto rules = RobotsRules::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /e/*/config\n", "nianbao");
  EXPECT_FALSE(rules.allows("/a/b/report.pdf"));
  EXPECT_TRUE(rules.allows("/a/b/report.pdf?x=1"));
  EXPECT_FALSE(rules.allows("/e/class/config/x"));
  EXPECT_TRUE(rules.allows("/e/class/data"));
}

TEST(RobotsRules, CrawlDelayIsRead) {
  auto rules = RobotsRules::parse("User-agent: *\nCrawl-delay: 7.5\nDisallow:\n", "nianbao");
  ASSERT_TRUE(rules.crawl_delay_seconds().has_value());
  EXPECT_DOUBLE_EQ(*rules.crawl_delay_seconds(), 7.5);
  EXPECT_TRUE(rules.allows("/anything"));
}

TEST(RobotsRules, DisallowAllStillAllowsRobotsTxtItself) {
  auto rules = RobotsRules::parse("User-agent: *\nDisallow: /\n", "nianbao");
  EXPECT_FALSE(rules.allows("/"));
  EXPECT_TRUE(rules.allows("/robots.txt"));
}

}  // namespace
}  // namespace nianbao::crawler
