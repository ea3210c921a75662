// Politeness arithmetic for HostState: jittered delays that never drop below the configured floor,
// and capped exponential backoff (the StormCrawler / Nutch model of portals.md §4.2).
#include "crawler/host_state.h"

#include <algorithm>
#include <cmath>

namespace nianbao::crawler {

double polite_gap(double delay_seconds, double jitter, std::mt19937& random) {
  std::uniform_real_distribution<double> spread(0.0, std::max(0.0, jitter));
  return delay_seconds * (1.0 + spread(random));
}

double backoff_seconds(int level, double base_seconds, double max_seconds, std::mt19937& random) {
  std::uniform_real_distribution<double> spread(0.9, 1.1);
  double raw = base_seconds * std::pow(2.0, std::min(level, 30)) * spread(random);
  return std::min(raw, max_seconds);
}

}  // namespace nianbao::crawler
