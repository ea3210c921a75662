// Politeness arithmetic for HostState: jittered start times never sooner than the delay after the
// previous response, and capped exponential backoff (StormCrawler / Nutch model, portals.md §4.2).
#include "crawler/host_state.h"

#include <algorithm>
#include <cmath>

namespace nianbao::crawler {

double next_request_at(double started_at, double ended_at, double delay_seconds, double jitter, std::mt19937& random) {
  std::uniform_real_distribution<double> spread(0.0, std::max(0.0, jitter));
  double jittered = started_at + delay_seconds * (1.0 + spread(random));
  return std::max(ended_at + delay_seconds, jittered);
}

double backoff_seconds(int level, double base_seconds, double max_seconds, std::mt19937& random) {
  std::uniform_real_distribution<double> spread(0.9, 1.1);
  double raw = base_seconds * std::pow(2.0, std::min(level, 30)) * spread(random);
  return std::min(raw, max_seconds);
}

}  // namespace nianbao::crawler
