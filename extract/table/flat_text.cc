// Label location and value-run scanning on one line of flattened table text. Labels are matched on
// the compacted line by a keyword widened to the printed label; values are read on the line as
// printed, where a space is a hard boundary between cells.
#include "extract/table/flat_text.h"

#include "extract/text/normalize.h"

namespace nianbao {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_at(const std::string& text, size_t at, std::string_view piece) {
  return at <= text.size() && text.compare(at, piece.size(), piece) == 0;
}

size_t char_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

// The length of the longest suffix of `prefix` that `compact` prints right before `at`.
size_t matched_prefix_suffix(const std::string& compact, size_t at, size_t from, const std::string& prefix) {
  for (size_t length = prefix.size(); length > 0; --length) {
    if (length > at - from) continue;
    if ((static_cast<unsigned char>(prefix[prefix.size() - length]) & 0xC0) == 0x80) continue;
    if (compact.compare(at - length, length, prefix, prefix.size() - length, length) == 0) return length;
  }
  return 0;
}

// "1." / "1、" / "1," before `begin` when the label is enumerated by the number `prefix` opens with.
size_t enumerator_before(const std::string& compact, size_t begin, size_t from, const std::string& prefix) {
  size_t digits = 0;
  while (digits < prefix.size() && is_digit(prefix[digits])) ++digits;
  if (digits == 0) return 0;
  for (std::string_view separator : {std::string_view("."), std::string_view("、"), std::string_view(",")}) {
    size_t length = digits + separator.size();
    if (begin - from < length) continue;
    if (compact.compare(begin - length, digits, prefix, 0, digits) == 0 &&
        compact.compare(begin - separator.size(), separator.size(), separator) == 0) {
      return length;
    }
  }
  return 0;
}

bool at_stop(const std::string& compact, size_t at, const std::vector<std::string>& stops) {
  for (const std::string& stop : stops) {
    if (!stop.empty() && starts_with_at(compact, at, stop)) return true;
  }
  return false;
}

bool is_value_byte(const std::string& text, size_t at) {
  char c = text[at];
  return is_digit(c) || c == '.' || c == '-' || c == '+' || c == '/' || starts_with_at(text, at, "—");
}

}  // namespace

FlatLine FlatLine::of(const std::string& text, size_t begin, size_t end) {
  FlatLine line;
  line.text = &text;
  line.begin = begin;
  line.end = end;
  line.compact.reserve(end - begin);
  line.at.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') continue;
    line.compact.push_back(text[i]);
    line.at.push_back(i);
  }
  return line;
}

size_t FlatLine::text_end(size_t compact_end) const {
  if (compact_end == 0) return begin;
  return at[compact_end - 1] + 1;
}

size_t FlatLine::text_begin(size_t compact_begin) const {
  return compact_begin < at.size() ? at[compact_begin] : end;
}

bool starts_value(const std::string& compact, size_t at) {
  if (at >= compact.size()) return false;
  char c = compact[at];
  return is_digit(c) || c == '-' || c == '+' || c == '/' || starts_with_at(compact, at, "—");
}

std::optional<LabelSpan> locate_label(const FlatLine& line, const LabelPattern& pattern, size_t from, size_t window,
                                      const std::vector<std::string>& stops) {
  const std::string& compact = line.compact;
  size_t in_label = pattern.label.find(pattern.keyword);
  if (in_label == std::string::npos || pattern.keyword.empty()) return std::nullopt;
  const std::string prefix = pattern.label.substr(0, in_label);
  const std::string tail = pattern.label.substr(in_label + pattern.keyword.size());
  size_t search_end = window == std::string::npos ? compact.size() : std::min(compact.size(), from + window);
  for (size_t pos = from;;) {
    size_t keyword_at = compact.find(pattern.keyword, pos);
    if (keyword_at == std::string::npos || keyword_at >= search_end) return std::nullopt;
    LabelSpan span;
    span.begin = keyword_at - matched_prefix_suffix(compact, keyword_at, from, prefix);
    if (span.begin != keyword_at - prefix.size()) span.begin -= enumerator_before(compact, span.begin, from, prefix);
    span.end = keyword_at + pattern.keyword.size();
    size_t matched = 0;
    while (matched < tail.size() && span.end + matched < compact.size() && compact[span.end + matched] == tail[matched]) {
      ++matched;
    }
    // A partial match may stop inside a character: back off to its lead byte.
    while (matched > 0 && span.end + matched < compact.size() &&
           (static_cast<unsigned char>(compact[span.end + matched]) & 0xC0) == 0x80) {
      --matched;
    }
    span.end += matched;
    // Printed variants of the label's wording: read on to the values, never into a later label.
    size_t stretch = 0;
    while (!starts_value(compact, span.end) && span.end < compact.size() && stretch < 90 &&
           !at_stop(compact, span.end, stops)) {
      size_t step = char_length(static_cast<unsigned char>(compact[span.end]));
      span.end += step;
      stretch += step;
    }
    if (starts_value(compact, span.end)) return span;
    pos = keyword_at + pattern.keyword.size();
  }
}

std::vector<RunToken> scan_value_run(const std::string& text, size_t begin, size_t limit, size_t* stop) {
  std::vector<RunToken> tokens;
  size_t at = begin;
  bool open = false;
  while (at < limit) {
    char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r') {
      open = false;
      ++at;
      continue;
    }
    size_t length = 0;
    if (is_value_byte(text, at)) {
      length = char_length(static_cast<unsigned char>(c));
    } else if (open && !tokens.back().text.empty() && is_digit(tokens.back().text.back())) {
      for (std::string_view unit : {std::string_view("万元"), std::string_view("元")}) {
        if (length == 0 && starts_with_at(text, at, unit)) length = unit.size();
      }
    }
    if (length == 0 || at + length > limit) break;
    if (!open) tokens.push_back({"", at});
    tokens.back().text.append(text, at, length);
    open = true;
    at += length;
  }
  if (stop) *stop = at;
  return tokens;
}

std::string compact_label(const std::string& label) {
  std::string normalized = normalize_string(label);
  std::string out;
  for (char c : normalized) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

}  // namespace nianbao
