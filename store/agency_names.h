// The comparison key of an agency name: two spellings of one name (full-width letters, spaces,
// brackets, Traditional characters, 人民政府 for 政府) get the same key; different words never do.
#pragma once

#include <string>
#include <string_view>

namespace nianbao::store {

// agency_name_key(name): the key that agencies.name_key, agency_aliases.name_key and the linker
// compare. Two names are the same agency name when their keys are equal. Steps, in this order:
//   1. Unicode NFKC (ICU): full-width and half-width forms become their ordinary forms
//      (`ＡＢＣ１２３` → `ABC123`, `（` → `(`, `　` U+3000 → space), compatibility ideographs and
//      Kangxi radicals become the unified ideograph (`⼈` → `人`).
//   2. Case folding (ICU default full case folding): `ABC` → `abc`.
//   3. Traditional → Simplified Chinese, character by character (ICU transliterator Hant-Hans,
//      the same stage as the extractor's text normalization): `臺灣省人民政府` → `台湾省人民政府`.
//   4. Removal of every code point that is white space (Unicode White_Space, e.g. U+0020,
//      U+00A0, U+3000, tabs, line breaks), a control or format character (general category C*:
//      Cc, Cf such as U+200B zero width space and U+FEFF, Cs, Co, Cn), a separator (Z*), or
//      punctuation (P*: Pc, Pd, Ps, Pe, Pi, Pf, Po — all brackets （）【】《》〔〕, quotes, dashes,
//      commas, full stops, the middle dots · U+00B7, ・ U+30FB, ‧ U+2027, ・ U+FF65).
//      Letters, digits and symbols (S*) are kept.
//   5. Every occurrence of `人民政府` becomes `政府`: `上海市人民政府` ≡ `上海市政府`,
//      `上海市人民政府办公厅` ≡ `上海市政府办公厅`.
// Nothing else is folded: abbreviations stay different words (`上海市科委` ≠ `上海市科学技术委员会`;
// the registry's aliases make them one agency). The result is UTF-8 and may be empty (a name of
// punctuation only); the registry refuses names with an empty key.
std::string agency_name_key(std::string_view name);

}  // namespace nianbao::store
