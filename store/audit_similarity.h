// Copy-paste detection for the audit: how much of a report's narrative repeats the same body's
// previous report, as the Jaccard similarity of character 5-shingles of normalized text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::store {

// A score at or above this marks the narrative as copied. Calibrated on the real corpus
// (fixtures/real/pingtan-archive): the 平潭综合实验区 reports of consecutive years 2019 → 2025
// score 0.15–0.33 against each other (any two years at most 0.33); even one year's report read from
// two renderings (its HTML page and its text copy) scores only 0.63–0.72; last year's report with
// only the year changed scores 1.
inline constexpr double kCopyPasteThreshold = 0.80;

// Shingles are this many characters (Unicode code points) long.
inline constexpr size_t kShingleLength = 5;

// The narrative of a report's text: lines of table rows (those holding '|' or a tab) dropped,
// then every digit, white space and punctuation removed, so that changed numbers and years and a
// different layout do not count as differences. UTF-8 in, UTF-8 out.
std::string narrative_text(std::string_view report_text);

// The distinct hashed shingles of a normalized text, sorted (empty for a text shorter than one).
std::vector<uint64_t> text_shingles(std::string_view normalized_text);

// |A ∩ B| / |A ∪ B| of two sorted shingle sets; 0 when both are empty.
double jaccard_similarity(const std::vector<uint64_t>& first, const std::vector<uint64_t>& second);

// A bottom-k MinHash sketch of a shingle set: the kSketchSize smallest of its shingles after a
// 64-bit mix (splitmix64), sorted. Small enough to keep for every audited report; the audit
// computes the exact Jaccard only for pairs whose sketches estimate it near the threshold.
inline constexpr size_t kSketchSize = 128;
std::vector<uint64_t> minhash_sketch(const std::vector<uint64_t>& shingles);

// The sketch of a normalized text straight from its shingles (without sorting them all), and how
// many shingle positions the text has (a text shorter than one shingle has none).
struct NarrativeSketch {
  std::vector<uint64_t> sketch;
  size_t shingle_positions = 0;
};
NarrativeSketch sketch_narrative(std::string_view normalized_text);

// The Jaccard similarity estimated from two sketches: of the k smallest values of their union,
// the share found in both.
double sketch_similarity(const std::vector<uint64_t>& first, const std::vector<uint64_t>& second);

}  // namespace nianbao::store
