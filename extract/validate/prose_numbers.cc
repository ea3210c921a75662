// Prose sentences and the counts they quote, for the text checks (spec §10 T3-8, T4-2). Table
// text never reaches a sentence: the readers print every table row with "|" separators.
#include "extract/validate/prose_numbers.h"

#include <array>
#include <cctype>
#include <utility>

namespace nianbao {
namespace {

bool is_table_line(const std::string& line) { return line.find('|') != std::string::npos; }

bool ends_sentence(const std::string& line) {
  for (const char* end : {"。", ";", "!", "?", ":"}) {
    if (line.ends_with(end)) return true;
  }
  return false;
}

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Paragraphs: consecutive prose lines joined until one ends a sentence; table lines and blank
// lines end a paragraph.
std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> found;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) found.push_back(std::move(current));
    current.clear();
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || is_table_line(line)) {
      flush();
      continue;
    }
    current += line;
    if (ends_sentence(line)) flush();
  }
  flush();
  return found;
}

void split_sentences(const std::string& paragraph, std::vector<std::string>& out) {
  static const std::array<std::string, 4> kEnds = {"。", ";", "!", "?"};
  size_t start = 0;
  while (start < paragraph.size()) {
    size_t cut = std::string::npos;
    size_t cut_length = 0;
    for (const std::string& end : kEnds) {
      size_t at = paragraph.find(end, start);
      if (at < cut) {
        cut = at;
        cut_length = end.size();
      }
    }
    size_t stop = cut == std::string::npos ? paragraph.size() : cut;
    std::string sentence = trim(paragraph.substr(start, stop - start));
    if (!sentence.empty()) out.push_back(std::move(sentence));
    start = cut == std::string::npos ? paragraph.size() : cut + cut_length;
  }
}

struct NumeralChar {
  const char* text;
  int digit;  // 0–9, or -1 for a unit
  long long unit;
};

constexpr std::array<NumeralChar, 16> kNumerals = {{{"零", 0, 0},
                                                     {"〇", 0, 0},
                                                     {"一", 1, 0},
                                                     {"二", 2, 0},
                                                     {"两", 2, 0},
                                                     {"三", 3, 0},
                                                     {"四", 4, 0},
                                                     {"五", 5, 0},
                                                     {"六", 6, 0},
                                                     {"七", 7, 0},
                                                     {"八", 8, 0},
                                                     {"九", 9, 0},
                                                     {"十", -1, 10},
                                                     {"百", -1, 100},
                                                     {"千", -1, 1000},
                                                     {"万", -1, 10000}}};

const NumeralChar* numeral_at(const std::string& text, size_t at) {
  for (const NumeralChar& numeral : kNumerals) {
    std::string_view spelled(numeral.text);
    if (text.compare(at, spelled.size(), spelled) == 0) return &numeral;
  }
  return nullptr;
}

std::optional<long long> parse_chinese(const std::string& written) {
  long long total = 0;    // completed 万 groups
  long long section = 0;  // below 万
  long long digit = 0;
  bool any_unit = false;
  std::string plain_digits;  // 二〇二三-style digit strings
  size_t at = 0;
  while (at < written.size()) {
    const NumeralChar* numeral = numeral_at(written, at);
    if (!numeral) return std::nullopt;
    at += std::string_view(numeral->text).size();
    if (numeral->digit >= 0) {
      digit = numeral->digit;
      plain_digits.push_back(static_cast<char>('0' + numeral->digit));
      continue;
    }
    any_unit = true;
    if (numeral->unit == 10000) {
      total += (section + digit) * 10000;
      section = 0;
    } else {
      section += (digit == 0 && numeral->unit == 10 ? 1 : digit) * numeral->unit;
    }
    digit = 0;
  }
  if (!any_unit) return plain_digits.empty() ? std::nullopt : std::optional<long long>(std::stoll(plain_digits));
  return total + section + digit;
}

}  // namespace

std::vector<std::string> prose_sentences(const std::string& text) {
  std::vector<std::string> sentences;
  for (const std::string& paragraph : paragraphs(text)) split_sentences(paragraph, sentences);
  return sentences;
}

std::optional<long long> parse_count(const std::string& written) {
  if (written.empty()) return std::nullopt;
  bool arabic = true;
  for (char c : written) arabic &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (arabic) return written.size() > 12 ? std::nullopt : std::optional<long long>(std::stoll(written));
  return parse_chinese(written);
}

const std::string& count_pattern() {
  static const std::string pattern = [] {
    std::string chinese;
    for (const NumeralChar& numeral : kNumerals) {
      if (!chinese.empty()) chinese += '|';
      chinese += numeral.text;
    }
    return "([0-9]+|(?:" + chinese + ")+)";
  }();
  return pattern;
}

std::string quote(const std::string& sentence, size_t limit) {
  if (sentence.size() <= limit) return sentence;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return sentence.substr(0, cut) + "…";
}

}  // namespace nianbao
