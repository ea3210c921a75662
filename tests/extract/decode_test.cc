// Unit tests of the decoding layer: BOMs, declared charsets (right and wrong), GB18030/GBK detection,
// and the per-byte offset map that lets every cell point back at its exact source bytes.
#include "common/text/decode.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <random>
#include <string>

namespace nianbao {
namespace {

// UTF-8 → bytes in `charset`, made with ICU so the test does not depend on a stored fixture.
std::string encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset;
  std::string out(static_cast<size_t>(text.length()) * 4 + 8, '\0');
  int32_t length = ucnv_fromUChars(converter, out.data(), static_cast<int32_t>(out.size()), text.getBuffer(),
                                   text.length(), &status);
  ucnv_close(converter);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(length));
  return out;
}

const std::string kSentence =
    "抚顺市市场监督管理局2021年政府信息公开工作年度报告。全年共主动公开各类政府信息1433条,"
    "受理政府信息公开申请0件。本机关不掌握相关政府信息。";

TEST(CanonicalCharset, GbFamilyIsGb18030AndUtf8IsNormalized) {
  EXPECT_EQ(canonical_charset("gb2312"), "GB18030");
  EXPECT_EQ(canonical_charset("GBK"), "GB18030");
  EXPECT_EQ(canonical_charset("cp936"), "GB18030");
  EXPECT_EQ(canonical_charset("utf8"), "UTF-8");
  EXPECT_EQ(canonical_charset("UTF-8"), "UTF-8");
  EXPECT_EQ(canonical_charset("no-such-charset-xyz"), "");
  EXPECT_EQ(canonical_charset(""), "");
}

TEST(Decode, PlainUtf8IsKeptAsIs) {
  DecodedText decoded = decode_to_utf8(kSentence, "");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_EQ(decoded.replacement_count, 0u);
  EXPECT_FALSE(decoded.declared_was_wrong);
}

TEST(Decode, Utf8BomIsDroppedAndOffsetsCountIt) {
  std::string bytes = "\xEF\xBB\xBF" + kSentence;
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset_basis, "bom");
  ASSERT_FALSE(decoded.text.source_offsets.empty());
  EXPECT_EQ(decoded.text.source_offset(0), 3);  // first character sits right after the 3-byte BOM
}

TEST(Decode, GbkBytesWithoutDeclarationAreDetected) {
  std::string bytes = encode(kSentence, "GBK");
  ASSERT_NE(bytes, kSentence);  // really another encoding
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset, "GB18030");
  EXPECT_EQ(decoded.replacement_count, 0u);
}

TEST(Decode, GbkBytesDeclaredAsGb2312DecodeAsGb18030) {
  std::string bytes = encode(kSentence, "GBK");
  DecodedText decoded = decode_to_utf8(bytes, "gb2312");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset, "GB18030");
  EXPECT_EQ(decoded.charset_basis, "declared");
  EXPECT_FALSE(decoded.declared_was_wrong);
}

TEST(Decode, GbkBytesWronglyDeclaredUtf8StillDecode) {
  std::string bytes = encode(kSentence, "GBK");
  DecodedText decoded = decode_to_utf8(bytes, "utf-8");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset, "GB18030");
  EXPECT_TRUE(decoded.declared_was_wrong);
  EXPECT_EQ(decoded.replacement_count, 0u);
}

TEST(Decode, Utf8WronglyDeclaredGbkStillDecodes) {
  // Chinese UTF-8 is (almost always) not valid GBK: the strict declared decode must fail over.
  DecodedText decoded = decode_to_utf8(kSentence, "gbk");
  EXPECT_EQ(decoded.text.utf8, kSentence);
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_TRUE(decoded.declared_was_wrong);
}

TEST(Decode, TraditionalCharactersSurviveGb18030) {
  std::string traditional = "撫順市市場監督管理局統計規範";
  DecodedText decoded = decode_to_utf8(encode(traditional, "GB18030"), "");
  EXPECT_EQ(decoded.text.utf8, traditional);
}

TEST(Decode, Utf16LeBom) {
  std::string bytes = "\xFF\xFE" + encode("年度报告 2021", "UTF-16LE");
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_EQ(decoded.text.utf8, "年度报告 2021");
  EXPECT_EQ(decoded.charset_basis, "bom");
}

TEST(DecodeOffsets, EveryUtf8ByteMapsToTheFirstByteOfItsSourceCharacter) {
  // "规章 | 3948": in GBK each Han character is 2 bytes, in UTF-8 3 bytes.
  std::string utf8 = "规章 | 3948";
  std::string gbk = encode(utf8, "GBK");
  DecodedText decoded = decode_to_utf8(gbk, "gbk");
  ASSERT_EQ(decoded.text.utf8, utf8);
  ASSERT_EQ(decoded.text.source_offsets.size(), utf8.size());
  // 规 = utf8[0..2] ← gbk[0..1]; 章 = utf8[3..5] ← gbk[2..3]; ' ' = utf8[6] ← gbk[4].
  // A character's first byte maps to its source's first byte; inner bytes stay inside that source.
  EXPECT_EQ(decoded.text.source_offset(0), 0);
  EXPECT_GE(decoded.text.source_offset(2), 0);
  EXPECT_LT(decoded.text.source_offset(2), 2);
  EXPECT_EQ(decoded.text.source_offset(3), 2);
  EXPECT_GE(decoded.text.source_offset(5), 2);
  EXPECT_LT(decoded.text.source_offset(5), 4);
  EXPECT_EQ(decoded.text.source_offset(6), 4);
  size_t digits = utf8.find("3948");
  int64_t source = decoded.text.source_offset(digits);
  ASSERT_GE(source, 0);
  EXPECT_EQ(gbk.substr(static_cast<size_t>(source), 4), "3948");
  EXPECT_EQ(decoded.text.source_offset(utf8.size()), -1);
}

TEST(DecodeOffsets, Utf8OffsetsPointAtTheSameCharacter) {
  DecodedText decoded = decode_to_utf8(kSentence, "");
  size_t at = kSentence.find("1433");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(decoded.text.source_offset(at), static_cast<int64_t>(at));
  size_t han = kSentence.find("申请");
  EXPECT_EQ(decoded.text.source_offset(han), static_cast<int64_t>(han));
  EXPECT_GE(decoded.text.source_offset(han + 2), static_cast<int64_t>(han));  // inner bytes stay in 申
  EXPECT_LT(decoded.text.source_offset(han + 2), static_cast<int64_t>(han + 3));
}

TEST(Decode, OneStrayByteInUtf8IsOneReplacementNotMojibake) {
  // A mostly valid UTF-8 document with one bad byte (a damaged download): the header promises
  // "undecodable bytes become U+FFFD and are counted", so the rest must still read as UTF-8.
  std::string bytes = kSentence;
  bytes.insert(kSentence.find("受理"), "\xFF");
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_EQ(decoded.replacement_count, 1u);
  EXPECT_NE(decoded.text.utf8.find("抚顺市市场监督管理局"), std::string::npos);
  EXPECT_NE(decoded.text.utf8.find("受理政府信息公开申请0件"), std::string::npos);
}

TEST(Decode, Utf8CutInsideTheLastCharacterStaysUtf8) {
  std::string bytes = kSentence.substr(0, kSentence.size() - 2);  // last 。 is 3 bytes: keep 1
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_NE(decoded.text.utf8.find("抚顺市市场监督管理局"), std::string::npos);
}

TEST(LooksBinary, TextIsNotBinaryAndControlBytesAre) {
  EXPECT_FALSE(looks_binary(decode_to_utf8(kSentence, "")));
  std::string garbage;
  for (int i = 0; i < 400; ++i) garbage.push_back(static_cast<char>(i % 32 == 10 ? 1 : i % 32));
  EXPECT_TRUE(looks_binary(decode_to_utf8(garbage, "")));
}

// The word-at-a-time count equals a byte-by-byte count on every length (tails included) and on
// bytes around every boundary it tests: continuation bytes, the C0 controls and the four allowed.
TEST(LooksBinary, CountTextAgreesWithAByteByByteCount) {
  const unsigned char palette[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1F, 0x20, 0x41,
                                   0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE4, 0xEF, 0xF0, 0xFF, 0x3F, 0x40, 0x60};
  std::mt19937 random(20261130);
  for (int trial = 0; trial < 4000; ++trial) {
    std::string text(static_cast<size_t>(trial % 67), '\0');
    for (char& byte : text) byte = static_cast<char>(palette[random() % sizeof palette]);
    size_t characters = 0, controls = 0;
    for (unsigned char c : text) {
      characters += (c & 0xC0) != 0x80;
      controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    }
    TextCounts counts = count_text(text);
    ASSERT_EQ(counts.characters, characters) << "trial " << trial;
    ASSERT_EQ(counts.controls, controls) << "trial " << trial;
  }
}

}  // namespace
}  // namespace nianbao
