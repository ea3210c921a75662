// agency_name_key: ICU NFKC and case folding, the extractor's Traditional → Simplified stage, then
// dropping spaces, controls and punctuation and folding 人民政府 to 政府. See agency_names.h.
#include "store/agency_names.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <vector>

#include "common/text/mapped_text.h"
#include "extract/text/normalize.h"
#include "store/store_error.h"

namespace nianbao::store {
namespace {

icu::UnicodeString nfkc_case_folded(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw StoreError("agency name key: ICU NFKC normalizer unavailable");
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString normalized = nfkc->normalize(text, status);
  if (U_FAILURE(status)) throw StoreError("agency name key: NFKC failed for '" + std::string(name) + "'");
  return normalized.foldCase();
}

std::vector<MappedChar> code_points(const icu::UnicodeString& text) {
  std::vector<MappedChar> chars;
  for (int32_t i = 0; i < text.length();) {
    UChar32 cp = text.char32At(i);
    chars.push_back({static_cast<char32_t>(cp), 0});
    i += U16_LENGTH(cp);
  }
  return chars;
}

// Step 4 of the header: white space, C*, Z* and P* code points carry no part of a name.
bool is_dropped(char32_t cp) {
  UChar32 c = static_cast<UChar32>(cp);
  if (u_isUWhiteSpace(c)) return true;
  uint32_t category_mask = U_MASK(u_charType(c));
  return (category_mask & (U_GC_C_MASK | U_GC_Z_MASK | U_GC_P_MASK)) != 0;
}

std::string kept_utf8(const std::vector<MappedChar>& chars) {
  icu::UnicodeString kept;
  for (const MappedChar& c : chars) {
    if (!is_dropped(c.cp)) kept.append(static_cast<UChar32>(c.cp));
  }
  std::string utf8;
  kept.toUTF8String(utf8);
  return utf8;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

std::string agency_name_key(std::string_view name) {
  std::vector<MappedChar> chars = apply_traditional_to_simplified(code_points(nfkc_case_folded(name)));
  std::string key = kept_utf8(chars);
  replace_all(key, "人民政府", "政府");
  return key;
}

}  // namespace nianbao::store
