// GLOB matching by backtracking over the last `*`, and its translation to a regular expression for
// SQL on PostgreSQL, which has no GLOB operator.
#include "store/glob_match.h"

namespace nianbao::store {
namespace {

// Length of the UTF-8 character starting at `text[0]` (1 for a stray byte).
size_t char_length(std::string_view text) {
  unsigned char lead = static_cast<unsigned char>(text[0]);
  size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return length <= text.size() ? length : 1;
}

// Matches a `[...]` set at the start of `pattern` against the character `ch`; sets `consumed` to
// the set's length, 0 when the set is not closed (then `[` is a literal).
bool set_matches(std::string_view pattern, std::string_view ch, size_t& consumed) {
  size_t at = 1;
  bool negated = at < pattern.size() && pattern[at] == '^';
  if (negated) ++at;
  bool matched = false;
  bool first = true;
  while (at < pattern.size() && (pattern[at] != ']' || first)) {
    first = false;
    size_t length = char_length(pattern.substr(at));
    std::string_view low = pattern.substr(at, length);
    at += length;
    if (at + 1 < pattern.size() && pattern[at] == '-' && pattern[at + 1] != ']') {
      size_t high_length = char_length(pattern.substr(at + 1));
      std::string_view high = pattern.substr(at + 1, high_length);
      at += 1 + high_length;
      if (ch >= low && ch <= high) matched = true;
    } else if (ch == low) {
      matched = true;
    }
  }
  if (at >= pattern.size()) {
    consumed = 0;
    return false;
  }
  consumed = at + 1;
  return matched != negated;
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    size_t length = char_length(text.substr(t));
    bool advanced = false;
    if (p < pattern.size()) {
      char head = pattern[p];
      if (head == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      size_t consumed = 0;
      bool set_matched = head == '[' && set_matches(pattern.substr(p), text.substr(t, length), consumed);
      if (head == '?') {
        ++p;
        advanced = true;
      } else if (consumed > 0) {
        p += set_matched ? consumed : 0;
        advanced = set_matched;
      } else {
        size_t pattern_length = char_length(pattern.substr(p));
        if (pattern.substr(p, pattern_length) == text.substr(t, length)) {
          p += pattern_length;
          advanced = true;
        }
      }
    }
    if (advanced) {
      t += length;
    } else if (star_p != std::string_view::npos) {
      p = star_p;
      star_t += char_length(text.substr(star_t));
      t = star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string glob_to_regex(std::string_view pattern) {
  std::string regex = "^";
  for (size_t at = 0; at < pattern.size();) {
    char head = pattern[at];
    if (head == '*') {
      regex += ".*";
      ++at;
    } else if (head == '?') {
      regex += '.';
      ++at;
    } else if (head == '[' && pattern.find(']', at + 2) != std::string_view::npos) {
      size_t close = pattern.find(']', at + 2);
      std::string_view body = pattern.substr(at + 1, close - at - 1);
      regex += '[';
      regex += body;
      regex += ']';
      at = close + 1;
    } else {
      if (std::string_view(".^$|()[]{}+\\*?").find(head) != std::string_view::npos) regex += '\\';
      regex += head;
      ++at;
    }
  }
  return regex + "$";
}

}  // namespace nianbao::store
