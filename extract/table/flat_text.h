// A line of flattened table text seen two ways: as printed (spaces separate values) and compacted
// (spaces removed, so labels broken by stray spaces still match); standard labels located in it and
// the value run that follows a label read as tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/recover/split_search.h"

namespace nianbao {

struct FlatLine {
  const std::string* text = nullptr;  // the whole normalized text
  size_t begin = 0, end = 0;         // the line's byte range in it
  std::string compact;               // the line without spaces
  std::vector<size_t> at;            // per byte of `compact`: its byte index in *text

  static FlatLine of(const std::string& text, size_t begin, size_t end);
  // Byte index in *text just past compact byte range end `compact_end` (exclusive).
  size_t text_end(size_t compact_end) const;
  size_t text_begin(size_t compact_begin) const;
};

// How to find one label: a distinctive keyword, the printed label (normalized, compact) it sits in.
struct LabelPattern {
  std::string keyword;  // compact, normalized
  std::string label;    // compact, normalized; contains keyword
};

// A label found in the compact line: [begin, end) in compact bytes; `end` is where its values start.
struct LabelSpan {
  size_t begin = 0, end = 0;
};

// The first occurrence of the label at or after compact byte `from` (and before `from + window`)
// that is followed directly by a value (a digit, a sign or a placeholder). The span is widened to
// the printed label: the part of it before the keyword (with its enumerator "1." / "(一)") and the
// text up to the values.
// `stops` are keywords of later labels: the widening never runs into one of them.
std::optional<LabelSpan> locate_label(const FlatLine& line, const LabelPattern& pattern, size_t from, size_t window,
                                      const std::vector<std::string>& stops);

// True when compact byte `at` starts a value: a digit, a sign before a digit, or a placeholder.
bool starts_value(const std::string& compact, size_t at);

// The tokens of the value run starting at text byte `begin` (spaces skipped) and ending at the first
// character that cannot be part of a value, or at `limit`. `stop` receives where the run ended.
std::vector<RunToken> scan_value_run(const std::string& text, size_t begin, size_t limit, size_t* stop);

// normalize_string + spaces removed: a catalogue label in the form labels take in normalized text.
std::string compact_label(const std::string& label);

}  // namespace nianbao
