// Bytes → UTF-8 with ICU: BOM first, then a declared charset if it decodes cleanly, then strict
// UTF-8, then ICU's detector. GB2312/GBK are always decoded as GB18030 (their superset).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/text/mapped_text.h"

namespace nianbao {

struct DecodedText {
  MappedText text;            // UTF-8 with the byte offset of each character in the input
  std::string charset;        // what was used: "UTF-8", "GB18030", "UTF-16LE" …
  std::string charset_basis;  // why: "bom", "declared", "utf8-valid", "utf8-damaged", "detected", "fallback"
  bool declared_was_wrong = false;  // a declared charset was given but did not decode the bytes
  size_t replacement_count = 0;     // characters that could not be decoded (U+FFFD)
};

// The ICU converter name to use for a charset label (gb2312/gbk/cp936 → GB18030, utf8 → UTF-8);
// empty when ICU does not know the label.
std::string canonical_charset(std::string_view label);

// Decodes `bytes`. `declared` is a charset label from an HTTP header or <meta>; may be empty.
// Never throws; undecodable bytes become U+FFFD and are counted.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared);

// The characters of UTF-8 `text` (bytes that are not continuation bytes 10xxxxxx) and its C0
// control characters other than \n \r \t \f, the measure looks_binary() judges by.
struct TextCounts {
  size_t characters = 0;
  size_t controls = 0;
};
TextCounts count_text(std::string_view text);

// True when the decoded text is mostly not text: control characters, U+FFFD, NULs.
bool looks_binary(const DecodedText& decoded);

}  // namespace nianbao
