// count_text's per-lane tallies (255 words a tally) on texts long enough to fill and restart them:
// every byte a continuation byte or a control, and a long mixed text, against a byte-by-byte count.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/text/decode.h"

namespace nianbao {
namespace {

TextCounts count_bytewise(const std::string& text) {
  TextCounts counts;
  for (unsigned char c : text) {
    counts.characters += (c & 0xC0) != 0x80;
    counts.controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  return counts;
}

TEST(CountTextTally, AllContinuationBytesOverSeveralTallies) {
  std::string text(255 * 8 * 3 + 13, static_cast<char>(0x80));
  TextCounts counts = count_text(text);
  EXPECT_EQ(counts.characters, 0u);
  EXPECT_EQ(counts.controls, 0u);
}

TEST(CountTextTally, AllControlsOverSeveralTallies) {
  std::string text(255 * 8 * 2 + 8 * 7 + 5, '\x01');
  TextCounts counts = count_text(text);
  EXPECT_EQ(counts.controls, text.size());
  EXPECT_EQ(counts.characters, text.size());
}

TEST(CountTextTally, LongMixedTextAgreesWithAByteByByteCount) {
  const unsigned char palette[] = {0x01, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x41, 0x80, 0xBF, 0xC2, 0xE4, 0xFF};
  std::mt19937 random(9);
  for (size_t size : {2039u, 2040u, 2041u, 20000u, 65543u}) {
    std::string text(size, '\0');
    for (char& byte : text) byte = static_cast<char>(palette[random() % sizeof palette]);
    TextCounts expected = count_bytewise(text);
    TextCounts counts = count_text(text);
    EXPECT_EQ(counts.characters, expected.characters) << size;
    EXPECT_EQ(counts.controls, expected.controls) << size;
  }
}

}  // namespace
}  // namespace nianbao
