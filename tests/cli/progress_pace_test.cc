// The rate and time-left part of the progress line: documents per second so far, and the time the
// rest takes at that rate, rounded to whole seconds; nothing before the first document is done.
#include <gtest/gtest.h>

#include "cli/progress_line.h"

namespace nianbao::cli {
namespace {

TEST(ProgressPace, RateAndTimeLeftFollowFromDoneTotalAndElapsed) {
  EXPECT_EQ(ProgressLine::pace(50, 200, 2.0), "  25.0/s  0:06 left");
  EXPECT_EQ(ProgressLine::pace(10, 10010, 1.0), "  10.0/s  16:40 left");
  EXPECT_EQ(ProgressLine::pace(200, 200, 8.0), "  25.0/s  0:00 left");
}

TEST(ProgressPace, NothingIsPromisedBeforeTheFirstDocument) {
  EXPECT_EQ(ProgressLine::pace(0, 200, 3.0), "");
  EXPECT_EQ(ProgressLine::pace(5, 200, 0.0), "");
}

}  // namespace
}  // namespace nianbao::cli
