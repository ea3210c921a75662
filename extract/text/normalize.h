// Normalization of decoded text with ICU: NFKC (full-width digits and punctuation), Traditional →
// Simplified, removal of pinyin annotations after Han characters, whitespace folding.
#pragma once

#include "common/text/mapped_text.h"

namespace nianbao {

// Every stage keeps the source offsets, so the result still maps back to the original bytes.
MappedText normalize_text(const MappedText& decoded);

// The same normalization for a short string without offsets (labels, cell text from readers).
std::string normalize_string(const std::string& utf8);

// Stages, exposed for tests and for readers that need only some of them.
std::vector<MappedChar> apply_nfkc(const std::vector<MappedChar>& chars);
std::vector<MappedChar> apply_traditional_to_simplified(const std::vector<MappedChar>& chars);
std::vector<MappedChar> remove_pinyin_annotations(const std::vector<MappedChar>& chars);
std::vector<MappedChar> fold_whitespace(const std::vector<MappedChar>& chars);

}  // namespace nianbao
