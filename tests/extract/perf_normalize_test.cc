// The facts the fast normalization relies on, checked on real pages: the per-character NFKC stage
// equals ICU's NFKC of the whole line, and normalizing a text after one of its newlines gives the
// end of the whole text's normalization (what the HTML reader's caption tail counts on).
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/text/decode.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

std::string fixture(const std::string& relative) {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open fixture " << relative;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Real texts: two 平潭 report pages (Word HTML, full-width punctuation) and the Fushun seed report.
std::vector<std::string> real_texts() {
  return {
      fixture("real/pingtan-archive/zfxxgknb/202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html"),
      fixture("real/pingtan-archive/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/page.html"),
      fixture("seed/fushun-amr-2021.txt"),
  };
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string icu_nfkc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string out;
  nfkc->normalize(icu::UnicodeString::fromUTF8(utf8), status).toUTF8String(out);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

TEST(PerfNormalize, NfkcStageEqualsIcuOnEveryLineOfRealPages) {
  size_t changed_lines = 0, lines = 0;
  for (const std::string& text : real_texts()) {
    for (const std::string& line : lines_of(decode_to_utf8(text, "").text.utf8)) {
      MappedText mapped;
      mapped.utf8 = line;
      mapped.identity = true;
      std::string staged = from_chars(apply_nfkc(to_chars(mapped))).utf8;
      std::string expected = icu_nfkc(line);
      ASSERT_EQ(staged, expected) << "line " << lines;
      changed_lines += expected != line;
      ++lines;
    }
  }
  EXPECT_GT(lines, 1000u);
  EXPECT_GT(changed_lines, 10u);  // full-width punctuation: the pages do exercise the mapping
}

TEST(PerfNormalize, TextAfterANewlineNormalizesToTheTailOfTheWhole) {
  for (const std::string& text : real_texts()) {
    std::string utf8 = decode_to_utf8(text, "").text.utf8;
    std::string whole = normalize_string(utf8);
    size_t checked = 0;
    for (size_t at = utf8.find('\n'); at != std::string::npos && checked < 12; at = utf8.find('\n', at + 997)) {
      std::string head = normalize_string(utf8.substr(0, at + 1));
      std::string tail = normalize_string(utf8.substr(at + 1));
      ASSERT_EQ(head + tail, whole) << "split after byte " << at;
      ++checked;
    }
    EXPECT_GT(checked, 5u);
  }
}

TEST(PerfNormalize, StagesKeepResultsWhenCalledAgainWithWarmTables) {
  // The per-thread tables fill on first sight; a second pass over the same text must agree.
  std::string page = real_texts().front();
  DecodedText decoded = decode_to_utf8(page, "");
  MappedText first = normalize_text(decoded.text);
  MappedText second = normalize_text(decoded.text);
  EXPECT_EQ(first.utf8, second.utf8);
  EXPECT_EQ(first.source_offsets, second.source_offsets);
  EXPECT_NE(first.utf8.find("政府信息公开"), std::string::npos);
}

}  // namespace
}  // namespace nianbao
