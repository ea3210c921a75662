// robots.txt parsing and matching (RFC 9309). Groups are built from consecutive user-agent lines;
// the most specific matching group is used, and within it the longest matching pattern decides.
#include "crawler/robots_rules.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace nianbao::crawler {
namespace {

std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// Matches `path` against a robots pattern with `*` (any run) and a trailing `$` (end anchor).
bool pattern_matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Classic wildcard matching with backtracking over the last '*'.
  size_t p = 0, s = 0, star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // prefix match is enough without '$'
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

struct Group {
  std::vector<std::string> agents;
  std::vector<std::pair<bool, std::string>> rules;
  std::optional<double> crawl_delay;
};

std::vector<Group> read_groups(std::string_view body) {
  std::vector<Group> groups;
  bool last_was_agent = false;
  std::istringstream lines{std::string(body)};
  std::string line;
  while (std::getline(lines, line)) {
    std::string_view text = line;
    if (size_t hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = lowercase_ascii(trim(text.substr(0, colon)));
    std::string value(trim(text.substr(colon + 1)));
    if (key == "user-agent") {
      if (!last_was_agent) groups.emplace_back();
      groups.back().agents.push_back(lowercase_ascii(value));
      last_was_agent = true;
      continue;
    }
    last_was_agent = false;
    if (groups.empty()) continue;
    if (key == "allow" || key == "disallow") {
      if (!value.empty()) groups.back().rules.emplace_back(key == "allow", value);
    } else if (key == "crawl-delay") {
      try {
        groups.back().crawl_delay = std::stod(value);
      } catch (const std::exception&) {
      }
    }
  }
  return groups;
}

}  // namespace

RobotsRules RobotsRules::allow_all() { return RobotsRules{}; }

RobotsRules RobotsRules::parse(std::string_view body, std::string_view agent_token) {
  std::string token = lowercase_ascii(agent_token);
  std::vector<Group> groups = read_groups(body);
  RobotsRules result;
  bool found_specific = false;
  for (const Group& group : groups)
    if (std::find(group.agents.begin(), group.agents.end(), token) != group.agents.end()) found_specific = true;
  for (const Group& group : groups) {
    bool applies = found_specific ? std::find(group.agents.begin(), group.agents.end(), token) != group.agents.end()
                                  : std::find(group.agents.begin(), group.agents.end(), "*") != group.agents.end();
    if (!applies) continue;
    for (const auto& [allow, pattern] : group.rules) result.rules_.push_back({allow, pattern});
    if (group.crawl_delay) result.crawl_delay_ = group.crawl_delay;
  }
  return result;
}

bool RobotsRules::allows(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!pattern_matches(rule.pattern, path_and_query)) continue;
    if (!best || rule.pattern.size() > best->pattern.size() || (rule.pattern.size() == best->pattern.size() && rule.allow))
      best = &rule;
  }
  return best == nullptr || best->allow;
}

}  // namespace nianbao::crawler
