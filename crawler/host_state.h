// Per-host politeness state: one request at a time, the next moment a request may start (delay
// with jitter, never below the floor), the exponential backoff block, and the host's robots.txt.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>

#include "crawler/robots_rules.h"

namespace nianbao::crawler {

enum class RobotsStatus { unknown, fetching, ready, unavailable };

struct HostState {
  std::string origin;  // scheme://host[:port]: the politeness and robots.txt key
  double delay_seconds = 0;
  bool busy = false;
  double next_allowed_at = 0;  // end of the last request + polite gap
  double blocked_until = 0;    // backoff / Retry-After block
  int backoff_level = 0;
  RobotsStatus robots = RobotsStatus::unknown;
  RobotsRules rules = RobotsRules::allow_all();
  int robots_tries = 0;
  std::string robots_error;
  std::deque<int64_t> queue;  // pending URL ids, in discovery order

  double eligible_at() const { return next_allowed_at > blocked_until ? next_allowed_at : blocked_until; }
};

// The gap before the next request to a host: delay × (1 + U[0, jitter]) — a floor, never less.
double polite_gap(double delay_seconds, double jitter, std::mt19937& random);

// base × 2^level with ±10 % jitter, capped at max_seconds.
double backoff_seconds(int level, double base_seconds, double max_seconds, std::mt19937& random);

}  // namespace nianbao::crawler
