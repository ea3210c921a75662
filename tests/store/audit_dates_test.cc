// The audit's dates: the deadline of a department's and a government's report (spec §2.1), the
// date patterns of portal URLs, day counts, and the first usable source in order of trust.
#include "store/audit_dates.h"

#include <gtest/gtest.h>

namespace nianbao::store {
namespace {

TEST(AuditDates, DeadlinesFollowArticle49) {
  EXPECT_EQ(audit_deadline(2022, false), "2023-01-31");
  EXPECT_EQ(audit_deadline(2022, true), "2023-03-31");
  EXPECT_EQ(audit_deadline(2019, false), "2020-01-31") << "the 2019 revision's first reports";
  EXPECT_EQ(audit_deadline(2018, false), "2019-03-31") << "条例 2007: every organ by 3月31日";
  EXPECT_TRUE(is_government_name("淮安市洪泽区人民政府"));
  EXPECT_TRUE(is_government_name("福州市政府"));
  EXPECT_FALSE(is_government_name("上海市人民政府办公厅"));
  EXPECT_FALSE(is_government_name("抚顺市市场监督管理局"));
}

TEST(AuditDates, PortalUrlsCarryTheirDate) {
  EXPECT_EQ(date_in_url("http://www.pingtan.gov.cn/zwgk/zfxxgknb/202201/t20220128_80613.htm"), "2022-01-28");
  EXPECT_EQ(date_in_url("https://www.hz.gov.cn/art/2022/1/8/art_1229063389_1.html"), "2022-01-08");
  EXPECT_EQ(date_in_url("https://www.nanyue.gov.cn/zwgk/zfxxgkgd/20200525/i2026054.html"), "2020-05-25");
  EXPECT_EQ(date_in_url("http://example.gov.cn/files/2023-02-15/report.pdf"), "2023-02-15");
  EXPECT_EQ(date_in_url("http://www.jxln.gov.cn/lnxxxgk/c114874/202105/84ebe36d86b049a7.shtml"), "2021-05-01")
      << "month only: its first day, never overstating lateness";
  EXPECT_EQ(date_in_url("http://example.gov.cn/a/t20221345_1.htm"), std::nullopt) << "month 13";
  EXPECT_EQ(date_in_url("http://example.gov.cn/content/post_4437612.html"), std::nullopt);
  EXPECT_EQ(date_in_url("fixtures/real/page.html"), std::nullopt);
}

TEST(AuditDates, DaysAndCalendarDates) {
  EXPECT_EQ(days_between("2025-03-31", "2025-04-15"), 15);
  EXPECT_EQ(days_between("2024-01-31", "2024-03-01"), 30) << "2024 is a leap year";
  EXPECT_EQ(days_between("2025-01-31", "2025-01-01"), -30);
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_FALSE(is_calendar_date("2023-02-29"));
  EXPECT_FALSE(is_calendar_date("2023-1-02"));
}

TEST(AuditDates, TheFirstUsableSourceWins) {
  std::optional<DatedSource> chosen = choose_publication_date({{"meta", "", "page"},
                                                               {"printed", "2023-02-30", "page"},
                                                               {"url", "2023-01-28", "http://x/t20230128_1.htm"},
                                                               {"first_seen", "2023-03-01T10:00:00.000Z", "crawler"}});
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->source, "url");
  EXPECT_EQ(chosen->date, "2023-01-28");
  chosen = choose_publication_date({{"first_seen", "2023-03-01T10:00:00.000Z", "crawler"}});
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->date, "2023-03-01") << "a timestamp counts by its day";
  EXPECT_FALSE(choose_publication_date({}).has_value());
}

}  // namespace
}  // namespace nianbao::store
