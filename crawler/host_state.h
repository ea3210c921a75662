// Per-host politeness state: one request at a time, the next moment a request may start (delay
// with jitter, never sooner than the delay after the last response), backoff block and robots.txt.
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
  bool has_turn = false;       // shared frontier: this worker holds the host's turn (crawl_hosts)
  double next_allowed_at = 0;  // see next_request_at()
  double blocked_until = 0;    // backoff / Retry-After block
  int backoff_level = 0;
  RobotsStatus robots = RobotsStatus::unknown;
  RobotsRules rules = RobotsRules::allow_all();
  int robots_tries = 0;
  std::string robots_error;
  std::deque<int64_t> queue;  // pending URL ids, in discovery order

  double eligible_at() const { return next_allowed_at > blocked_until ? next_allowed_at : blocked_until; }
};

// When the next request to a host may start, given when the previous one started and ended: never
// sooner than `delay` after it ended (the hard floor, so the host never sees two requests closer
// than the delay), and otherwise delay × (1 + U[0, jitter]) after it started — the random part
// overlaps the response time instead of adding to it.
double next_request_at(double started_at, double ended_at, double delay_seconds, double jitter, std::mt19937& random);

// base × 2^level with ±10 % jitter, capped at max_seconds.
double backoff_seconds(int level, double base_seconds, double max_seconds, std::mt19937& random);

}  // namespace nianbao::crawler
