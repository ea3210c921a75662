// The memory-saving paths give the same answers as the plain ones: normalization a piece at a time
// equals the stages run over the whole text, block-wise decoding keeps every offset, and valid
// UTF-8 is mapped by identity without a per-byte map.
#include <gtest/gtest.h>

#include <unicode/ucnv.h>

#include <string>
#include <vector>

#include "common/text/decode.h"
#include "common/text/mapped_text.h"
#include "extract/text/normalize.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::fixture_path;

std::string read_fixture(const std::string& relative) {
  std::FILE* file = std::fopen(fixture_path(relative).c_str(), "rb");
  std::string bytes;
  char buffer[4096];
  for (size_t count; file && (count = std::fread(buffer, 1, sizeof buffer, file)) > 0;) bytes.append(buffer, count);
  if (file) std::fclose(file);
  return bytes;
}

std::string to_gbk(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t length = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                static_cast<int32_t>(utf8.size()), &status);
  out.resize(U_SUCCESS(status) ? static_cast<size_t>(length) : 0);
  return out;
}

// The normalization of the whole text in one go, as it was before pieces: every stage over every character.
MappedText whole_text_normalization(const MappedText& decoded) {
  std::vector<MappedChar> chars = to_chars(decoded);
  chars = apply_nfkc(chars);
  chars = apply_traditional_to_simplified(chars);
  chars = remove_pinyin_annotations(chars);
  chars = fold_whitespace(chars);
  return from_chars(chars);
}

std::vector<uint32_t> offsets_of(const MappedText& text) {
  std::vector<uint32_t> offsets;
  for (size_t i = 0; i < text.utf8.size(); ++i) offsets.push_back(static_cast<uint32_t>(text.source_offset(i)));
  return offsets;
}

// The Fushun report (Traditional characters, pipes) with what every stage changes mixed in: pinyin
// annotations, full-width digits, runs of spaces, ideographic spaces, CRLF and a zero-width space.
std::string mixed_report_text() {
  std::string seed = read_fixture("seed/fushun-amr-2021.txt");
  std::string text;
  text += "行政許(xǔ)可  ３９４８ 件\u3000\u3000合計\r\n零\u200b宽   \n";
  text += seed;
  return text;
}

TEST(MemoryPieces, NormalizingLineByLineEqualsTheWholeTextAtOnce) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += mixed_report_text();  // ~300 KB over many lines
  DecodedText decoded = decode_to_utf8(text, "");
  MappedText pieces = normalize_text(decoded.text);
  MappedText whole = whole_text_normalization(decoded.text);
  ASSERT_EQ(pieces.utf8, whole.utf8);
  EXPECT_EQ(offsets_of(pieces), offsets_of(whole));
  EXPECT_NE(pieces.utf8.find("行政许可 3948 件 合计\n零宽\n"), std::string::npos);
}

TEST(MemoryPieces, ALineLongerThanAPieceIsCutWhereNoStageLooksAcross) {
  // One 600 KB line: no newline to cut at, so pieces end at safe points inside the line.
  std::string line;
  while (line.size() < 600 * 1024) line += "統(tǒng)計  ３９４８ | 許(xǔ)可\u3000abc(tong) 資料 ";
  line += "\n";
  DecodedText decoded = decode_to_utf8(line, "");
  MappedText pieces = normalize_text(decoded.text);
  MappedText whole = whole_text_normalization(decoded.text);
  ASSERT_EQ(pieces.utf8.size(), whole.utf8.size());
  ASSERT_EQ(pieces.utf8, whole.utf8);
  EXPECT_EQ(offsets_of(pieces), offsets_of(whole));
  EXPECT_EQ(pieces.utf8.find("(tǒng)"), std::string::npos) << "every annotation removed, none cut in two";
  EXPECT_EQ(pieces.utf8.find("  "), std::string::npos) << "no double space left at a piece boundary";
}

TEST(MemoryPieces, ValidUtf8IsMappedByIdentityWithoutAPerByteMap) {
  std::string text = read_fixture("seed/fushun-amr-2021.txt");
  DecodedText decoded = decode_to_utf8(text, "");
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_TRUE(decoded.text.identity);
  EXPECT_TRUE(decoded.text.source_offsets.empty()) << "4 bytes per byte spared";
  size_t at = text.find("3948");
  EXPECT_EQ(decoded.text.source_offset(at), static_cast<int64_t>(at));
  EXPECT_EQ(decoded.text.source_offset(text.size()), -1);
  std::vector<MappedChar> chars = to_chars(decoded.text, at, at + 4);
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_EQ(chars[0].cp, U'3');
  EXPECT_EQ(chars[0].source, at);
}

TEST(MemoryPieces, BlockWiseDecodingKeepsEveryOffsetAcrossBlocks) {
  // ~400 KB of GB18030 (several 64 KiB blocks; Han characters of 2 bytes fall across block ends).
  std::string utf8;
  for (int i = 0; i < 60; ++i) utf8 += read_fixture("seed/fushun-amr-2021.txt") + "x";
  std::string gbk = to_gbk(utf8);
  ASSERT_GT(gbk.size(), 300u * 1024);
  DecodedText decoded = decode_to_utf8(gbk, "gbk");
  ASSERT_EQ(decoded.text.utf8, utf8);
  EXPECT_EQ(decoded.replacement_count, 0u);
  // Every character's first byte points at its own bytes in the GB18030 input.
  size_t checked = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) continue;
    size_t length = 1;
    while (i + length < utf8.size() && (static_cast<unsigned char>(utf8[i + length]) & 0xC0) == 0x80) ++length;
    std::string encoded = to_gbk(utf8.substr(i, length));
    int64_t source = decoded.text.source_offset(i);
    ASSERT_GE(source, 0) << "at byte " << i;
    ASSERT_EQ(gbk.substr(static_cast<size_t>(source), encoded.size()), encoded) << "at byte " << i;
    ++checked;
  }
  EXPECT_GT(checked, 100000u);
}

}  // namespace
}  // namespace nianbao
