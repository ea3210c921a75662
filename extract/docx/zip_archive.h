// Reading one member of a ZIP archive held in memory (libzip over a buffer source; no files).
// Sizes are capped so that a zip bomb is refused instead of exhausting memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nianbao::docx {

struct ZipMember {
  bool ok = false;
  std::string data;   // the member's uncompressed bytes (when ok)
  std::string error;  // what failed, naming the member (when !ok)
};

inline constexpr size_t kMaxMemberBytes = 64u << 20;

ZipMember read_zip_member(std::string_view archive, const std::string& name, size_t max_bytes = kMaxMemberBytes);

}  // namespace nianbao::docx
