// Politeness arithmetic: the next start is never sooner than the delay after the previous response
// ended, and the jitter is measured from the previous start so it overlaps the response time.
#include <gtest/gtest.h>

#include "crawler/host_state.h"

namespace nianbao::crawler {
namespace {

TEST(NextRequestAt, NeverSoonerThanTheDelayAfterTheResponseEnded) {
  std::mt19937 random(7);
  for (int i = 0; i < 1000; ++i) {
    double ended = 100.0 + 0.001 * i;  // responses from 0 to 1 s long
    EXPECT_GE(next_request_at(100.0, ended, 0.2, 0.05, random), ended + 0.2);
  }
}

TEST(NextRequestAt, JitterIsUpwardOnlyAndCountedFromTheStart) {
  std::mt19937 random(7);
  for (int i = 0; i < 1000; ++i) {
    double next = next_request_at(100.0, 100.0, 2.0, 0.05, random);  // an instant response
    EXPECT_GE(next, 102.0);
    EXPECT_LE(next, 102.1);
  }
  EXPECT_DOUBLE_EQ(next_request_at(100.0, 101.0, 2.0, 0.05, random), 103.0);  // slow response: floor wins
}

TEST(NextRequestAt, NoJitterMeansExactlyTheDelay) {
  std::mt19937 random(7);
  EXPECT_DOUBLE_EQ(next_request_at(10.0, 10.0, 0.5, 0.0, random), 10.5);
}

}  // namespace
}  // namespace nianbao::crawler
