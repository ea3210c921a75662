// ICU-backed normalization stages over MappedChar sequences. NFKC runs per normalization segment,
// Traditional→Simplified per Han character (cached), pinyin removal with an ICU regex. A long text
// is normalized a line (or a 64 KiB piece of a longer line) at a time: memory stays proportionate.
#include "extract/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace nianbao {
namespace {

icu::UnicodeString to_unicode(const std::vector<MappedChar>& chars, size_t begin, size_t end) {
  icu::UnicodeString text;
  for (size_t i = begin; i < end; ++i) text.append(static_cast<UChar32>(chars[i].cp));
  return text;
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

// Traditional → Simplified of one Han character, memoized: ICU's Hant-Hans transliterator is
// slow to call per character, and reports repeat a few thousand characters at most.
class HanSimplifier {
 public:
  HanSimplifier() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator_.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create the Hant-Hans transliterator");
  }

  icu::UnicodeString simplify(char32_t cp) {
    thread_local std::unordered_map<char32_t, icu::UnicodeString> seen;  // lock-free fast path
    auto known = seen.find(cp);
    if (known != seen.end()) return known->second;
    icu::UnicodeString text(static_cast<UChar32>(cp));
    {
      std::lock_guard<std::mutex> lock(mutex_);  // ICU transliterators are not thread-safe
      auto found = cache_.find(cp);
      if (found != cache_.end()) {
        text = found->second;
      } else {
        transliterator_->transliterate(text);
        cache_.emplace(cp, text);
      }
    }
    seen.emplace(cp, text);
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

bool is_horizontal_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xA0 ||
         (cp != '\n' && cp != '\r' && u_isUWhiteSpace(static_cast<UChar32>(cp)));
}

bool is_invisible(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0x2060 || cp == 0xAD;
}

}  // namespace

std::vector<MappedChar> apply_nfkc(const std::vector<MappedChar>& chars) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalizer unavailable");
  if (nfkc->isNormalized(to_unicode(chars, 0, chars.size()), status) && U_SUCCESS(status)) return chars;
  std::vector<MappedChar> out;
  out.reserve(chars.size());
  size_t segment_start = 0;
  auto flush = [&](size_t end) {
    if (end == segment_start) return;
    if (end - segment_start == 1 && chars[segment_start].cp < 0x80) {
      out.push_back(chars[segment_start]);
    } else {
      UErrorCode local = U_ZERO_ERROR;
      icu::UnicodeString normalized = nfkc->normalize(to_unicode(chars, segment_start, end), local);
      if (U_SUCCESS(local)) append_unicode(normalized, chars[segment_start].source, out);
    }
    segment_start = end;
  };
  for (size_t i = 1; i <= chars.size(); ++i) {
    if (i == chars.size() || nfkc->hasBoundaryBefore(static_cast<UChar32>(chars[i].cp))) flush(i);
  }
  return out;
}

std::vector<MappedChar> apply_traditional_to_simplified(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
  out.reserve(chars.size());
  for (const MappedChar& c : chars) {
    if (c.cp < 0x2E80 || !is_han(c.cp)) {
      out.push_back(c);
      continue;
    }
    append_unicode(simplifier().simplify(c.cp), c.source, out);
  }
  return out;
}

std::vector<MappedChar> remove_pinyin_annotations(const std::vector<MappedChar>& chars) {
  // A Han character, then "(" + one pinyin syllable (tone marks optional) + ")". NFKC has already
  // turned full-width brackets into ASCII ones.
  static const char16_t* kPattern =
      u"(?<=\\p{Han})\\(([a-zA-Z\u00fc\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec"
      u"\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc\u0144\u0148\u01f9]{1,6})\\)";
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::RegexPattern> pattern(
      icu::RegexPattern::compile(icu::UnicodeString(kPattern), 0, status));
  if (!pattern) throw std::runtime_error("ICU: pinyin pattern does not compile");

  bool has_bracket = false;
  for (const MappedChar& c : chars) has_bracket |= c.cp == '(';
  if (!has_bracket) return chars;

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

std::vector<MappedChar> fold_whitespace(const std::vector<MappedChar>& chars) {
  std::vector<MappedChar> out;
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
    if (is_horizontal_space(cp)) {
      if (!pending_space) space_source = chars[i].source;
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && out.back().cp != '\n') out.push_back({U' ', space_source});
    pending_space = false;
    out.push_back({cp, chars[i].source});
  }
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
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  return U_SUCCESS(status) && nfkc->hasBoundaryBefore(static_cast<UChar32>(next));
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

}  // namespace

MappedText normalize_text(const MappedText& decoded) {
  MappedText normalized;
  normalized.utf8.reserve(decoded.utf8.size());  // normalization rarely lengthens a text
  normalized.source_offsets.reserve(decoded.utf8.size());
  for (size_t begin = 0; begin < decoded.utf8.size();) {
    size_t end = piece_end(decoded.utf8, begin);
    std::vector<MappedChar> chars = to_chars(decoded, begin, end);
    chars = apply_nfkc(chars);
    chars = apply_traditional_to_simplified(chars);
    chars = remove_pinyin_annotations(chars);
    chars = fold_whitespace(chars);
    append_chars(chars, normalized);
    begin = end;
  }
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
  auto known = recent.find(utf8);
  if (known != recent.end()) return known->second;
  MappedText text;  // offsets are not wanted here: an identity map costs nothing
  text.utf8 = utf8;
  text.identity = true;
  std::string normalized = normalize_text(text).utf8;
  if (recent.size() >= 20000) recent.clear();
  if (utf8.size() <= 256) recent.emplace(utf8, normalized);
  return normalized;
}

}  // namespace nianbao
