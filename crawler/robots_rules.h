// robots.txt as RFC 9309 reads it: the group for our product token (else `*`), longest-match
// Allow/Disallow with `*` and `$`, Allow winning ties; plus the non-standard Crawl-delay.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::crawler {

class RobotsRules {
 public:
  // Everything allowed: the answer for a missing robots.txt (404/410) or a 403.
  static RobotsRules allow_all();
  // Parses a robots.txt body for the crawler whose product token is `agent_token` (e.g. "nianbao").
  static RobotsRules parse(std::string_view body, std::string_view agent_token);

  // `path_and_query` starts with '/', e.g. "/a/b.html?x=1".
  bool allows(std::string_view path_and_query) const;
  std::optional<double> crawl_delay_seconds() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
};

}  // namespace nianbao::crawler
