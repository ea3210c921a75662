// ICU-backed normalization stages over MappedChar sequences. What ICU says about one code point
// (NFKC boundary and mapping, Han script, Traditional→Simplified) is asked once per thread and kept
// in a table, so a page costs table look-ups, not ICU calls; pinyin removal runs its ICU regex only
// on a line with a bracket after a Han character. A long text is normalized a line (or a 64 KiB
// piece of a longer line) at a time, through two reused buffers: memory stays proportionate.
#include "extract/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace nianbao {
namespace {

const icu::Normalizer2& nfkc_normalizer() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || nfkc == nullptr) throw std::runtime_error("ICU: NFKC normalizer unavailable");
    return nfkc;
  }();
  return *instance;
}

icu::UnicodeString to_unicode(const std::vector<MappedChar>& chars, size_t begin, size_t end) {
  icu::UnicodeString text;
  for (size_t i = begin; i < end; ++i) text.append(static_cast<UChar32>(chars[i].cp));
  return text;
}

std::u32string to_u32(const icu::UnicodeString& text) {
  std::u32string out;
  for (int32_t i = 0; i < text.length();) {
    UChar32 cp = text.char32At(i);
    out.push_back(static_cast<char32_t>(cp));
    i += U16_LENGTH(cp);
  }
  return out;
}

void append_unicode(const icu::UnicodeString& text, uint32_t source, std::vector<MappedChar>& out) {
  for (int32_t i = 0; i < text.length();) {
    UChar32 cp = text.char32At(i);
    out.push_back({static_cast<char32_t>(cp), source});
    i += U16_LENGTH(cp);
  }
}

bool is_han(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN;
}

// Traditional → Simplified of one Han character with ICU's Hant-Hans transliterator (slow to call
// and not thread-safe: it is called once per character ever seen, under a lock).
class HanSimplifier {
 public:
  HanSimplifier() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create the Hant-Hans transliterator");
  }

  icu::UnicodeString simplify(char32_t cp) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = cache_.find(cp);
    if (found != cache_.end()) return found->second;
    icu::UnicodeString text(static_cast<UChar32>(cp));
    transliterator_->transliterate(text);
    cache_.emplace(cp, text);
    return text;
  }

 private:
  std::unique_ptr<icu::Transliterator> transliterator_;
  std::unordered_map<char32_t, icu::UnicodeString> cache_;
  std::mutex mutex_;
};

HanSimplifier& simplifier() {
  static HanSimplifier instance;
  return instance;
}

bool is_invisible(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0x2060 || cp == 0xAD;
}

bool compute_horizontal_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xA0 ||
         (cp != '\n' && cp != '\r' && u_isUWhiteSpace(static_cast<UChar32>(cp)));
}

// What the stages need to know of one code point, asked of ICU on first sight and kept per thread
// (a flat table for the BMP, a map above it). A mapping is stored only where it is not the
// character itself.
class CharFacts {
 public:
  enum : uint8_t {
    kKnown = 1,           // the other bits are filled in
    kBoundaryBefore = 2,  // NFKC: the character never interacts with what precedes it
    kNfkcSelf = 4,        // NFKC of the character alone is the character
    kSimplifiedSelf = 8,  // not Han, or Hant-Hans leaves it as it is
    kHorizontalSpace = 16,
  };

  CharFacts() : bmp_(0x10000, 0) {}

  uint8_t of(char32_t cp) {
    if (cp < 0x10000) {
      uint8_t& facts = bmp_[cp];
      if (facts == 0) facts = compute(cp);
      return facts;
    }
    auto found = astral_.find(cp);
    if (found != astral_.end()) return found->second;
    return astral_.emplace(cp, compute(cp)).first->second;
  }

  bool boundary_before(char32_t cp) { return (of(cp) & kBoundaryBefore) != 0; }
  bool horizontal_space(char32_t cp) { return (of(cp) & kHorizontalSpace) != 0; }
  // NFKC of the character alone; only valid when kNfkcSelf is not set.
  const std::u32string& nfkc(char32_t cp) { return nfkc_[cp]; }
  // Hant-Hans of the character; only valid when kSimplifiedSelf is not set.
  const std::u32string& simplified(char32_t cp) { return simplified_[cp]; }

 private:
  uint8_t compute(char32_t cp) {
    uint8_t facts = kKnown;
    const icu::Normalizer2& nfkc = nfkc_normalizer();
    if (nfkc.hasBoundaryBefore(static_cast<UChar32>(cp))) facts |= kBoundaryBefore;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString alone(static_cast<UChar32>(cp));
    icu::UnicodeString normalized = nfkc.normalize(alone, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalization failed");
    if (normalized == alone) {
      facts |= kNfkcSelf;
    } else {
      nfkc_[cp] = to_u32(normalized);
    }
    if (cp < 0x2E80 || !is_han(cp)) {
      facts |= kSimplifiedSelf;
    } else {
      icu::UnicodeString simple = simplifier().simplify(cp);
      if (simple == alone) {
        facts |= kSimplifiedSelf;
      } else {
        simplified_[cp] = to_u32(simple);
      }
    }
    if (compute_horizontal_space(cp)) facts |= kHorizontalSpace;
    return facts;
  }

  std::vector<uint8_t> bmp_;
  std::unordered_map<char32_t, uint8_t> astral_;
  std::unordered_map<char32_t, std::u32string> nfkc_;
  std::unordered_map<char32_t, std::u32string> simplified_;
};

CharFacts& char_facts() {
  thread_local CharFacts facts;
  return facts;
}

bool is_horizontal_space(char32_t cp) { return char_facts().horizontal_space(cp); }

// True when the NFKC segment [begin, end) (two characters or more) is its own normalization.
bool segment_is_normalized(const std::vector<MappedChar>& chars, size_t begin, size_t end) {
  UErrorCode status = U_ZERO_ERROR;
  bool normalized = nfkc_normalizer().isNormalized(to_unicode(chars, begin, end), status);
  return U_SUCCESS(status) && normalized;
}

// NFKC of `in` into `out`; false (and `out` untouched) when `in` is already normalized. Text is
// normalized segment by segment (a segment starts at a character with a boundary before it): a
// string is normalized exactly when each of its segments is, and a changed segment's characters
// all point at the segment's first source byte.
bool nfkc_into(const std::vector<MappedChar>& in, std::vector<MappedChar>& out) {
  CharFacts& facts = char_facts();
  auto segment_changes = [&](size_t begin, size_t end) {
    if (end - begin == 1) return (facts.of(in[begin].cp) & CharFacts::kNfkcSelf) == 0;
    return !segment_is_normalized(in, begin, end);
  };
  bool changes = false;
  for (size_t begin = 0, i = 1; i <= in.size() && !changes; ++i) {
    if (i == in.size() || facts.boundary_before(in[i].cp)) {
      changes = segment_changes(begin, i);
      begin = i;
    }
  }
  if (!changes) return false;
  out.clear();
  out.reserve(in.size());
  const icu::Normalizer2& nfkc = nfkc_normalizer();
  auto flush = [&](size_t begin, size_t end) {
    if (end - begin == 1) {
      const MappedChar& c = in[begin];
      if (c.cp < 0x80 || (facts.of(c.cp) & CharFacts::kNfkcSelf) != 0) {
        out.push_back(c);
      } else {
        for (char32_t cp : facts.nfkc(c.cp)) out.push_back({cp, c.source});
      }
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfkc.normalize(to_unicode(in, begin, end), status);
    if (U_SUCCESS(status)) append_unicode(normalized, in[begin].source, out);
  };
  for (size_t begin = 0, i = 1; i <= in.size(); ++i) {
    if (i == in.size() || facts.boundary_before(in[i].cp)) {
      flush(begin, i);
      begin = i;
    }
  }
  return true;
}

// Traditional → Simplified of `in` into `out`; false (and `out` untouched) when nothing changes.
bool simplify_into(const std::vector<MappedChar>& in, std::vector<MappedChar>& out) {
  CharFacts& facts = char_facts();
  auto changes = [&](char32_t cp) { return cp >= 0x2E80 && (facts.of(cp) & CharFacts::kSimplifiedSelf) == 0; };
  size_t first = 0;
  while (first < in.size() && !changes(in[first].cp)) ++first;
  if (first == in.size()) return false;
  out.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(first));
  out.reserve(in.size());
  for (size_t i = first; i < in.size(); ++i) {
    const MappedChar& c = in[i];
    if (!changes(c.cp)) {
      out.push_back(c);
    } else {
      for (char32_t cp : facts.simplified(c.cp)) out.push_back({cp, c.source});
    }
  }
  return true;
}

bool is_pinyin_letter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xE0 && cp < 0x250); }

// A necessary condition for a pinyin annotation: "(" after a character that may be Han (all Han
// is at U+2E80 and above), then a letter. Lines without one skip the regex.
bool may_hold_pinyin(const std::vector<MappedChar>& chars) {
  for (size_t i = 1; i + 1 < chars.size(); ++i) {
    if (chars[i].cp == '(' && chars[i - 1].cp >= 0x2E80 && is_pinyin_letter(chars[i + 1].cp)) return true;
  }
  return false;
}

std::vector<MappedChar> remove_pinyin_with_regex(const std::vector<MappedChar>& chars) {
  // A Han character, then "(" + one pinyin syllable (tone marks optional) + ")". NFKC has already
  // turned full-width brackets into ASCII ones.
  static const char16_t* kPattern =
      u"(?<=\\p{Han})\\(([a-zA-Z\u00fc\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec"
      u"\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc\u0144\u0148\u01f9]{1,6})\\)";
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::RegexPattern> pattern(
      icu::RegexPattern::compile(icu::UnicodeString(kPattern), 0, status));
  if (!pattern) throw std::runtime_error("ICU: pinyin pattern does not compile");

  // Map UTF-16 indexes of the matcher back to positions in `chars`.
  icu::UnicodeString text;
  std::vector<size_t> char_at_unit;
  for (size_t i = 0; i < chars.size(); ++i) {
    UChar32 cp = static_cast<UChar32>(chars[i].cp);
    text.append(cp);
    for (int k = 0; k < U16_LENGTH(cp); ++k) char_at_unit.push_back(i);
  }
  char_at_unit.push_back(chars.size());
  std::vector<bool> removed(chars.size(), false);
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(text, status));
  while (U_SUCCESS(status) && matcher->find(status)) {
    icu::UnicodeString syllable = matcher->group(1, status);
    static const icu::UnicodeString kVowels(u"aeiouvü\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed"
                                            u"\u01d0\u00ec\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6"
                                            u"\u01d8\u01da\u01dc");
    bool has_vowel = false;
    for (int32_t i = 0; i < syllable.length(); ++i) has_vowel |= kVowels.indexOf(syllable.charAt(i)) >= 0;
    bool all_lower = syllable == icu::UnicodeString(syllable).toLower();
    if (!has_vowel || !all_lower) continue;
    int32_t start = matcher->start(status), end = matcher->end(status);
    for (size_t i = char_at_unit[start]; i < char_at_unit[end]; ++i) removed[i] = true;
  }
  std::vector<MappedChar> out;
  out.reserve(chars.size());
  for (size_t i = 0; i < chars.size(); ++i) {
    if (!removed[i]) out.push_back(chars[i]);
  }
  return out;
}

// Pinyin removal of `in` into `out`; false (and `out` untouched) when there is no candidate.
bool remove_pinyin_into(const std::vector<MappedChar>& in, std::vector<MappedChar>& out) {
  if (!may_hold_pinyin(in)) return false;
  out = remove_pinyin_with_regex(in);
  return true;
}

void fold_whitespace_into(const std::vector<MappedChar>& chars, std::vector<MappedChar>& out) {
  CharFacts& facts = char_facts();
  out.clear();
  out.reserve(chars.size());
  bool pending_space = false;
  uint32_t space_source = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    char32_t cp = chars[i].cp;
    if (is_invisible(cp)) continue;
    if (cp == '\r') {
      if (i + 1 < chars.size() && chars[i + 1].cp == '\n') continue;
      cp = '\n';
    }
    if (cp == '\n') {
      pending_space = false;  // trailing spaces of a line are dropped
      out.push_back({U'\n', chars[i].source});
      continue;
    }
    if (facts.horizontal_space(cp)) {
      if (!pending_space) space_source = chars[i].source;
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && out.back().cp != '\n') out.push_back({U' ', space_source});
    pending_space = false;
    out.push_back({cp, chars[i].source});
  }
}

}  // namespace

std::vector<MappedChar> apply_nfkc(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
  return nfkc_into(chars, out) ? out : chars;
}

std::vector<MappedChar> apply_traditional_to_simplified(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
  return simplify_into(chars, out) ? out : chars;
}

std::vector<MappedChar> remove_pinyin_annotations(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
  return remove_pinyin_into(chars, out) ? out : chars;
}

std::vector<MappedChar> fold_whitespace(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
  fold_whitespace_into(chars, out);
  return out;
}

namespace {

// Pieces of about this many bytes are normalized at a time, so the working copies (8 bytes a
// character, a few stages) stay small whatever the document's size.
constexpr size_t kPieceBytes = 64 * 1024;

bool is_pinyin_part(char32_t cp) { return cp == '(' || cp == ')' || (cp < 0x250 && u_isalpha(static_cast<UChar32>(cp))); }

bool is_space_like(char32_t cp) { return cp == '\r' || cp == '\n' || is_horizontal_space(cp) || is_invisible(cp); }

// True when no stage looks across the point between `previous` and `next`: an NFKC segment starts
// at `next`, a pinyin annotation cannot span it, and no whitespace run is being folded.
bool is_piece_boundary(char32_t previous, char32_t next) {
  if (is_space_like(previous) || is_space_like(next) || is_pinyin_part(next)) return false;
  return nfkc_normalizer().hasBoundaryBefore(static_cast<UChar32>(next));
}

// End of the piece starting at `begin`: just after a newline (every stage starts afresh on a new
// line), or, for a line longer than kPieceBytes, at the first piece boundary after that many bytes.
size_t piece_end(const std::string& utf8, size_t begin) {
  size_t newline = utf8.find('\n', begin);
  size_t line_end = newline == std::string::npos ? utf8.size() : newline + 1;
  if (line_end - begin <= kPieceBytes) return line_end;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  int64_t index = static_cast<int64_t>(begin + kPieceBytes);
  while (index < static_cast<int64_t>(line_end) && U8_IS_TRAIL(bytes[index])) ++index;
  UChar32 previous = -1;
  while (index < static_cast<int64_t>(line_end)) {
    int32_t at = 0, length = static_cast<int32_t>(std::min<int64_t>(4, static_cast<int64_t>(line_end) - index));
    UChar32 cp;
    U8_NEXT(bytes + index, at, length, cp);
    if (previous >= 0 && cp >= 0 && is_piece_boundary(static_cast<char32_t>(previous), static_cast<char32_t>(cp))) {
      return static_cast<size_t>(index);
    }
    previous = cp;
    index += at;
  }
  return line_end;
}

// The code points of text.utf8[begin, end) into `chars` (cleared first), as to_chars does. True
// when neither NFKC nor Traditional→Simplified can change them: every character is a segment of
// its own that NFKC and Hant-Hans leave as it is (the common piece skips both stages' scans).
bool piece_chars(const MappedText& text, size_t begin, size_t end, std::vector<MappedChar>& chars) {
  constexpr uint8_t kUnchanged = CharFacts::kBoundaryBefore | CharFacts::kNfkcSelf | CharFacts::kSimplifiedSelf;
  CharFacts& facts = char_facts();
  uint8_t common = kUnchanged;
  chars.clear();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.utf8.data() + begin);
  int32_t length = static_cast<int32_t>(end - begin);
  for (int32_t index = 0; index < length;) {
    uint8_t lead = bytes[index];
    size_t at = begin + static_cast<size_t>(index);
    uint32_t source = text.identity ? static_cast<uint32_t>(at) : text.source_offsets[at];
    if (lead < 0x80) {
      chars.push_back({lead, source});
      common &= facts.of(lead);
      ++index;
      continue;
    }
    UChar32 cp;
    U8_NEXT(bytes, index, length, cp);
    char32_t character = static_cast<char32_t>(cp < 0 ? 0xFFFD : cp);
    chars.push_back({character, source});
    common &= facts.of(character);
  }
  return common == kUnchanged;
}

// Appends one character to `out` (its source offset for each of its bytes when `offsets`), as
// append_chars does: a code point UTF-8 cannot encode is dropped.
inline void append_char(char32_t cp, uint32_t source, bool offsets, MappedText& out) {
  if (cp < 0x80) {
    out.utf8.push_back(static_cast<char>(cp));
    if (offsets) out.source_offsets.push_back(source);
    return;
  }
  uint8_t buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, static_cast<UChar32>(cp), error);
  if (error) return;
  out.utf8.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
  if (offsets) out.source_offsets.insert(out.source_offsets.end(), static_cast<size_t>(length), source);
}

// fold_whitespace_into a piece, appended straight to `out` (no intermediate buffer): the same
// rules, with "the output so far" being what this piece has appended.
void fold_whitespace_append(const std::vector<MappedChar>& chars, bool offsets, MappedText& out) {
  CharFacts& facts = char_facts();
  bool wrote = false, last_was_newline = false;
  bool pending_space = false;
  uint32_t space_source = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    char32_t cp = chars[i].cp;
    if (is_invisible(cp)) continue;
    if (cp == '\r') {
      if (i + 1 < chars.size() && chars[i + 1].cp == '\n') continue;
      cp = '\n';
    }
    if (cp == '\n') {
      pending_space = false;  // trailing spaces of a line are dropped
      append_char(U'\n', chars[i].source, offsets, out);
      wrote = last_was_newline = true;
      continue;
    }
    if (facts.horizontal_space(cp)) {
      if (!pending_space) space_source = chars[i].source;
      pending_space = true;
      continue;
    }
    if (pending_space && wrote && !last_was_newline) append_char(U' ', space_source, offsets, out);
    pending_space = false;
    append_char(cp, chars[i].source, offsets, out);
    wrote = true;
    last_was_newline = false;
  }
}

// True when text.utf8[begin, end) is ASCII only, eight bytes at a time.
bool is_ascii(const std::string& utf8, size_t begin, size_t end) {
  size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    uint64_t word;
    std::memcpy(&word, utf8.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < end; ++i) {
    if (static_cast<unsigned char>(utf8[i]) >= 0x80) return false;
  }
  return true;
}

// An ASCII piece through the stages: NFKC, Hant-Hans and pinyin removal leave ASCII as it is, so
// only the whitespace is folded, by fold_whitespace_append's rules, straight from the bytes (the
// whitespace between a page's tags is most of its text before normalization).
void fold_ascii_append(const MappedText& text, size_t begin, size_t end, bool offsets, MappedText& out) {
  CharFacts& facts = char_facts();
  auto source_of = [&](size_t at) { return text.identity ? static_cast<uint32_t>(at) : text.source_offsets[at]; };
  bool wrote = false, last_was_newline = false;
  bool pending_space = false;
  uint32_t space_source = 0;
  for (size_t i = begin; i < end; ++i) {
    char32_t cp = static_cast<unsigned char>(text.utf8[i]);
    if (cp == '\r') {
      if (i + 1 < end && text.utf8[i + 1] == '\n') continue;
      cp = '\n';
    }
    if (cp == '\n') {
      pending_space = false;  // trailing spaces of a line are dropped
      append_char(U'\n', source_of(i), offsets, out);
      wrote = last_was_newline = true;
      continue;
    }
    if (facts.horizontal_space(cp)) {
      if (!pending_space) space_source = source_of(i);
      pending_space = true;
      continue;
    }
    if (pending_space && wrote && !last_was_newline) append_char(U' ', space_source, offsets, out);
    pending_space = false;
    append_char(cp, source_of(i), offsets, out);
    wrote = true;
    last_was_newline = false;
  }
}

// Every stage over `decoded`, a piece at a time, through two buffers reused from piece to piece.
// With `offsets` false only normalized.utf8 is filled.
void normalize_into(const MappedText& decoded, bool offsets, MappedText& normalized) {
  std::vector<MappedChar> chars, spare;
  for (size_t begin = 0; begin < decoded.utf8.size();) {
    size_t end = piece_end(decoded.utf8, begin);
    if (is_ascii(decoded.utf8, begin, end)) {
      fold_ascii_append(decoded, begin, end, offsets, normalized);
      begin = end;
      continue;
    }
    if (!piece_chars(decoded, begin, end, chars)) {
      if (nfkc_into(chars, spare)) chars.swap(spare);
      if (simplify_into(chars, spare)) chars.swap(spare);
    }
    if (remove_pinyin_into(chars, spare)) chars.swap(spare);
    fold_whitespace_append(chars, offsets, normalized);
    begin = end;
  }
}

}  // namespace

MappedText normalize_text(const MappedText& decoded) {
  MappedText normalized;
  normalized.utf8.reserve(decoded.utf8.size());  // normalization rarely lengthens a text
  normalized.source_offsets.reserve(decoded.utf8.size());
  normalize_into(decoded, true, normalized);
  return normalized;
}

std::string normalize_string(const std::string& utf8) {
  bool plain_ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\t' || c == '\f' || c == '\v') plain_ascii = false;
  }
  if (plain_ascii) {  // nothing to normalize but spaces
    std::string folded;
    for (char c : utf8) {
      if (c == ' ' && (folded.empty() || folded.back() == ' ' || folded.back() == '\n')) continue;
      if (c == '\n' && !folded.empty() && folded.back() == ' ') folded.pop_back();
      folded.push_back(c);
    }
    while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    return folded;
  }
  // Cell texts repeat endlessly (labels, "0"): remember recent results, per thread, bounded.
  thread_local std::unordered_map<std::string, std::string> recent;
  if (utf8.size() <= 256) {
    auto known = recent.find(utf8);
    if (known != recent.end()) return known->second;
  }
  MappedText text;  // offsets are not wanted here: an identity map costs nothing
  text.utf8 = utf8;
  text.identity = true;
  MappedText normalized;
  normalized.utf8.reserve(utf8.size());
  normalize_into(text, false, normalized);
  if (recent.size() >= 20000) recent.clear();
  if (utf8.size() <= 256) recent.emplace(utf8, normalized.utf8);
  return std::move(normalized.utf8);
}

}  // namespace nianbao
