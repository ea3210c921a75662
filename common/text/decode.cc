// Charset decoding with ICU converters (offsets kept per character) and ICU's charset detector.
// The order of trust is BOM > declared label (verified by a strict decode) > UTF-8 > detection.
#include "common/text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace nianbao {
namespace {

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

struct Utf8Census {
  size_t multibyte = 0;  // well-formed non-ASCII sequences
  size_t broken = 0;     // ill-formed sequences
};

Utf8Census utf8_census(std::string_view bytes) {
  Utf8Census census;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  for (int32_t index = 0; index < length;) {
    uint64_t word;  // eight ASCII bytes at once: most of a page is markup
    if (index + 8 <= length && (std::memcpy(&word, data + index, 8), (word & 0x8080808080808080ull) == 0)) {
      index += 8;
      continue;
    }
    uint8_t lead = data[index];
    if (lead >= 0xC2 && lead <= 0xDF && index + 1 < length && U8_IS_TRAIL(data[index + 1])) {
      index += 2;  // a well-formed 2-byte sequence, as U8_NEXT would read it
      ++census.multibyte;
      continue;
    }
    if (((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) && index + 2 < length &&
        U8_IS_TRAIL(data[index + 1]) && U8_IS_TRAIL(data[index + 2])) {
      index += 3;  // a well-formed 3-byte sequence (most Han): no overlong or surrogate is possible
      ++census.multibyte;
      continue;
    }
    int32_t start = index;
    UChar32 cp;
    U8_NEXT(data, index, length, cp);
    if (cp < 0) {
      ++census.broken;
    } else if (index - start > 1) {
      ++census.multibyte;
    }
  }
  return census;
}

// UTF-8 text damaged in a few places (a truncated download, a corrupted byte): at least 50
// well-formed multibyte characters and under 2% broken sequences.
bool is_damaged_utf8(const Utf8Census& census) {
  return census.broken > 0 && census.multibyte >= 50 && census.broken * 50 < census.multibyte;
}

// UTF-8 that is valid needs no conversion: the text is the bytes and each byte maps to itself.
std::optional<DecodedText> valid_utf8(std::string_view bytes) {
  if (utf8_census(bytes).broken > 0) return std::nullopt;
  DecodedText decoded;
  decoded.charset = "UTF-8";
  decoded.text.utf8 = std::string(bytes);
  decoded.text.identity = true;  // each byte maps to itself: no per-byte map needed
  return decoded;
}

// Appends the UTF-16 `units` (each with the offset in the input of its character's first byte, or
// -1 when it began in an earlier block) to `decoded` as UTF-8. `fallback` stands in for -1.
void append_units(const UChar* units, const int32_t* offsets, int32_t count, uint32_t base, uint32_t fallback,
                  DecodedText& decoded) {
  std::vector<MappedChar> chars;
  chars.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count;) {
    int32_t start = i;
    UChar32 cp;
    U16_NEXT(units, i, count, cp);
    if (cp == 0xFFFD) ++decoded.replacement_count;
    uint32_t origin = offsets[start] < 0 ? fallback : base + static_cast<uint32_t>(offsets[start]);
    chars.push_back({static_cast<char32_t>(cp), origin});
  }
  append_chars(chars, decoded.text);
}

// Decodes with one converter, a block of the input at a time (the UTF-16 buffers stay small).
// `strict` stops at the first illegal sequence and returns nullopt.
std::optional<DecodedText> decode_with(std::string_view bytes, const std::string& charset, bool strict,
                                       size_t skip) {
  constexpr size_t kBlockBytes = 64 * 1024;
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return std::nullopt;
  if (strict) {
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  std::string_view input = bytes.substr(std::min(skip, bytes.size()));
  DecodedText decoded;
  decoded.charset = charset;
  decoded.text.utf8.reserve(input.size() + input.size() / 2);  // GB18030 Han: 2 bytes → 3 in UTF-8
  decoded.text.source_offsets.reserve(input.size() + input.size() / 2);
  std::vector<UChar> units(kBlockBytes * 2 + 16);
  std::vector<int32_t> offsets(units.size());
  for (size_t block = 0; block < input.size() || block == 0; block += kBlockBytes) {
    const char* source = input.data() + block;
    const char* block_end = input.data() + std::min(input.size(), block + kBlockBytes);
    bool last = block_end == input.data() + input.size();
    do {  // a block yields at most 2 units a byte, plus what the converter held back
      UChar* target = units.data();
      uint32_t base = static_cast<uint32_t>(source - input.data() + skip);  // offsets count from here
      status = U_ZERO_ERROR;
      ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &source, block_end, offsets.data(), last,
                     &status);
      if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return std::nullopt;
      append_units(units.data(), offsets.data(), static_cast<int32_t>(target - units.data()), base,
                   base == 0 ? 0 : base - 1, decoded);
    } while (status == U_BUFFER_OVERFLOW_ERROR);
    if (last) break;
  }
  return decoded;
}

struct Bom {
  const char* charset;
  size_t length;
};

std::optional<Bom> detect_bom(std::string_view bytes) {
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  if (starts("\xEF\xBB\xBF")) return Bom{"UTF-8", 3};
  if (starts("\x84\x31\x95\x33")) return Bom{"GB18030", 4};
  if (starts("\xFF\xFE")) return Bom{"UTF-16LE", 2};
  if (starts("\xFE\xFF")) return Bom{"UTF-16BE", 2};
  return std::nullopt;
}

// ICU's detector's candidates in order of confidence, mapped to converter names we trust.
std::vector<std::string> detected_charsets(std::string_view bytes) {
  std::vector<std::string> names;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return names;
  int32_t length = static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16));
  ucsdet_setText(detector.get(), bytes.data(), length, &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &found, &status);
  if (U_FAILURE(status)) return names;
  for (int32_t i = 0; i < found; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    if (U_FAILURE(status) || name == nullptr) break;
    std::string canonical = canonical_charset(name);
    if (!canonical.empty() && std::find(names.begin(), names.end(), canonical) == names.end()) {
      names.push_back(canonical);
    }
  }
  return names;
}

}  // namespace

std::string canonical_charset(std::string_view label) {
  std::string name = lowercase(label);
  name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return c == ' ' || c == '"' || c == '\''; }),
             name.end());
  if (name.empty()) return "";
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" || name == "gb_2312-80" ||
      name == "euc-cn" || name == "windows-936" || name == "gb18030" || name == "hz-gb-2312") {
    return "GB18030";
  }
  if (name == "utf8" || name == "utf-8") return "UTF-8";
  if (name == "big5" || name == "big5-hkscs" || name == "cp950") return "Big5";
  UErrorCode status = U_ZERO_ERROR;
  const char* known = ucnv_getCanonicalName(std::string(label).c_str(), "", &status);
  if (U_FAILURE(status) || known == nullptr) return "";
  return known;
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared) {
  if (auto bom = detect_bom(bytes)) {
    if (auto decoded = decode_with(bytes, bom->charset, false, bom->length)) {
      decoded->charset_basis = "bom";
      return std::move(*decoded);
    }
  }
  // Valid UTF-8 with non-ASCII bytes is never an accident: it wins over any declared label, which
  // pages get wrong far more often (a GBK label on UTF-8 bytes decodes "cleanly" to nonsense).
  std::string declared_charset = canonical_charset(declared);
  bool has_non_ascii = std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (has_non_ascii && bytes.size() < (1u << 31)) {
    if (auto decoded = valid_utf8(bytes)) {
      decoded->charset_basis = declared_charset == "UTF-8" ? "declared" : "utf8-valid";
      decoded->declared_was_wrong = !declared.empty() && declared_charset != "UTF-8";
      return std::move(*decoded);
    }
  }
  if (!declared_charset.empty()) {
    if (auto decoded = decode_with(bytes, declared_charset, true, 0)) {
      decoded->charset_basis = "declared";
      return std::move(*decoded);
    }
  }
  bool declared_was_wrong = !declared.empty();
  auto finish = [&](DecodedText decoded, const char* basis) {
    decoded.charset_basis = basis;
    decoded.declared_was_wrong = declared_was_wrong;
    return decoded;
  };
  if (auto decoded = decode_with(bytes, "UTF-8", true, 0)) return finish(std::move(*decoded), "utf8-valid");
  if (is_damaged_utf8(utf8_census(bytes))) {
    if (auto decoded = decode_with(bytes, "UTF-8", false, 0)) return finish(std::move(*decoded), "utf8-damaged");
  }
  for (const std::string& candidate : detected_charsets(bytes)) {
    // Reports are Chinese: a Latin or Cyrillic guess is the detector giving up, not an answer.
    if (candidate != "GB18030" && candidate != "Big5" && candidate != "UTF-16LE" && candidate != "UTF-16BE") continue;
    if (auto decoded = decode_with(bytes, candidate, true, 0)) return finish(std::move(*decoded), "detected");
  }
  if (auto decoded = decode_with(bytes, "GB18030", true, 0)) return finish(std::move(*decoded), "detected");
  // Nothing decodes cleanly: GB18030 with replacement characters, counted.
  auto decoded = decode_with(bytes, "GB18030", false, 0);
  return finish(decoded ? std::move(*decoded) : DecodedText{}, "fallback");
}

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kLowSeven = 0x7F7F7F7F7F7F7F7FULL;

// The high bit of each byte of `word` that equals `value` (exact: no false positives).
uint64_t bytes_equal(uint64_t word, unsigned char value) {
  uint64_t x = word ^ (0x0101010101010101ULL * value);
  return ~(((x & kLowSeven) + kLowSeven) | x | kLowSeven);
}

// The sum of the eight bytes of `lanes` (each at most 255).
size_t sum_of_lanes(uint64_t lanes) {
  uint64_t pairs = (lanes & 0x00FF00FF00FF00FFULL) + ((lanes >> 8) & 0x00FF00FF00FF00FFULL);
  return static_cast<size_t>((pairs * 0x0001000100010001ULL) >> 48);
}

}  // namespace

// Eight bytes at a time, since this runs over every byte of every document. Matches are tallied
// per byte lane (0 or 1 per word, at most 255 words per tally) and the lanes added once per tally:
// no per-word popcount (a libgcc call without -mpopcnt); the control test only for words with a
// byte below 0x20.
TextCounts count_text(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t size = text.size();
  size_t continuations = 0, controls = 0, i = 0;
  while (i + 8 <= size) {
    uint64_t continuation_lanes = 0, control_lanes = 0;
    for (int words = 0; words < 255 && i + 8 <= size; ++words, i += 8) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      continuation_lanes += (word & ~(word << 1) & kHighBits) >> 7;            // bit 7 set, bit 6 clear
      uint64_t below_space = ~(word | (word << 1) | (word << 2)) & kHighBits;  // bits 7, 6, 5 clear
      if (below_space == 0) continue;  // most words: no line break, tab or control at all
      uint64_t allowed = bytes_equal(word, '\n') | bytes_equal(word, '\r') | bytes_equal(word, '\t') |
                         bytes_equal(word, '\f');
      control_lanes += (below_space & ~allowed) >> 7;
    }
    continuations += sum_of_lanes(continuation_lanes);
    controls += sum_of_lanes(control_lanes);
  }
  size_t characters = i - continuations;
  for (; i < size; ++i) {
    unsigned char c = bytes[i];
    characters += (c & 0xC0) != 0x80;
    controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  return {characters, controls};
}

bool looks_binary(const DecodedText& decoded) {
  TextCounts counts = count_text(decoded.text.utf8);
  size_t bad = decoded.replacement_count + counts.controls;
  if (counts.characters == 0) return false;
  return bad * 20 > counts.characters;  // more than 5% not text
}

}  // namespace nianbao
