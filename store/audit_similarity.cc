// Normalized narrative, character shingles, their Jaccard similarity and bottom-k MinHash sketches
// (audit_similarity.h). Pure: UTF-8 in, numbers out.
#include "store/audit_similarity.h"

#include <algorithm>

#include "common/text/utf8_append.h"

namespace nianbao::store {
namespace {

// Decodes one UTF-8 code point at `at` (advancing it); malformed bytes come out one by one.
char32_t next_code_point(std::string_view text, size_t& at) {
  unsigned char lead = static_cast<unsigned char>(text[at]);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
  if (at + length > text.size()) length = 1;
  char32_t code = length == 1 ? lead : lead & (0x3F >> (length - 1));
  for (size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
  at += length;
  return code;
}

// Digits, spaces, ASCII punctuation, CJK punctuation (U+3000–U+303F), full-width forms other
// than letters (U+FF00–U+FF20, U+FF3B–U+FF40, U+FF5B–U+FF65) and general punctuation
// (U+2000–U+206F) are not narrative. Chinese numerals (一、二、…) are words and stay.
bool is_noise(char32_t code) {
  if (code < 0x80) return !((code >= 'a' && code <= 'z') || (code >= 'A' && code <= 'Z'));
  if (code >= 0x2000 && code <= 0x206F) return true;
  if (code >= 0x3000 && code <= 0x303F) return true;
  if (code >= 0xFF00 && code <= 0xFF20) return true;
  if (code >= 0xFF3B && code <= 0xFF40) return true;
  if (code >= 0xFF5B && code <= 0xFF65) return true;
  if (code == 0xA0 || code == 0xFEFF || code == 0xB7) return true;
  return false;
}

bool is_table_row(std::string_view line) {
  return line.find('|') != std::string_view::npos || line.find('\t') != std::string_view::npos;
}


// The hash of every shingle position, in text order (duplicates kept).
std::vector<uint64_t> shingle_hashes(std::string_view normalized_text) {
  std::vector<char32_t> codes;
  for (size_t at = 0; at < normalized_text.size();) codes.push_back(next_code_point(normalized_text, at));
  std::vector<uint64_t> shingles;
  if (codes.size() < kShingleLength) return shingles;
  shingles.reserve(codes.size() - kShingleLength + 1);
  for (size_t start = 0; start + kShingleLength <= codes.size(); ++start) {
    uint64_t hash = 1469598103934665603ULL;  // FNV-1a over the code points
    for (size_t i = 0; i < kShingleLength; ++i) {
      hash ^= codes[start + i];
      hash *= 1099511628211ULL;
    }
    shingles.push_back(hash);
  }
  return shingles;
}

uint64_t mix(uint64_t value) {  // splitmix64's finalizer
  uint64_t z = value + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The `count` smallest distinct values of `values` (reordered), sorted.
std::vector<uint64_t> smallest_distinct(std::vector<uint64_t>& values, size_t count) {
  size_t window = std::min(values.size(), count * 4);
  while (true) {
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(window), values.end());
    std::vector<uint64_t> head(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(window));
    head.erase(std::unique(head.begin(), head.end()), head.end());
    if (head.size() >= count || window == values.size()) {
      if (head.size() > count) head.resize(count);
      return head;
    }
    window = std::min(values.size(), window * 4);
  }
}

}  // namespace

std::string narrative_text(std::string_view report_text) {
  std::string out;
  out.reserve(report_text.size());
  size_t line_start = 0;
  while (line_start < report_text.size()) {
    size_t line_end = report_text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = report_text.size();
    std::string_view line = report_text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (is_table_row(line)) continue;
    for (size_t at = 0; at < line.size();) {
      char32_t code = next_code_point(line, at);
      if (!is_noise(code)) append_utf8(out, code);
    }
  }
  return out;
}


std::vector<uint64_t> text_shingles(std::string_view normalized_text) {
  std::vector<uint64_t> shingles = shingle_hashes(normalized_text);
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

double jaccard_similarity(const std::vector<uint64_t>& first, const std::vector<uint64_t>& second) {
  if (first.empty() && second.empty()) return 0;
  size_t common = 0;
  auto a = first.begin(), b = second.begin();
  while (a != first.end() && b != second.end()) {
    if (*a < *b) {
      ++a;
    } else if (*b < *a) {
      ++b;
    } else {
      ++common;
      ++a;
      ++b;
    }
  }
  return static_cast<double>(common) / static_cast<double>(first.size() + second.size() - common);
}

std::vector<uint64_t> minhash_sketch(const std::vector<uint64_t>& shingles) {
  std::vector<uint64_t> mixed;
  mixed.reserve(shingles.size());
  for (uint64_t value : shingles) mixed.push_back(mix(value));
  return smallest_distinct(mixed, kSketchSize);
}

NarrativeSketch sketch_narrative(std::string_view normalized_text) {
  std::vector<uint64_t> mixed = shingle_hashes(normalized_text);
  NarrativeSketch result;
  result.shingle_positions = mixed.size();
  for (uint64_t& value : mixed) value = mix(value);
  result.sketch = smallest_distinct(mixed, kSketchSize);
  return result;
}

double sketch_similarity(const std::vector<uint64_t>& first, const std::vector<uint64_t>& second) {
  size_t limit = std::min(kSketchSize, std::max(first.size(), second.size()));
  size_t taken = 0, common = 0;
  auto a = first.begin(), b = second.begin();
  while (taken < limit && (a != first.end() || b != second.end())) {
    if (b == second.end() || (a != first.end() && *a < *b)) {
      ++a;
    } else if (a == first.end() || *b < *a) {
      ++b;
    } else {
      ++common;
      ++a;
      ++b;
    }
    ++taken;
  }
  return taken == 0 ? 0 : static_cast<double>(common) / static_cast<double>(taken);
}

}  // namespace nianbao::store
