// SQLite's GLOB for key patterns (`t3.result.*`), the same on every backend: `*` any run, `?` any
// one character, `[abc]`, `[a-z]`, `[^…]` a set; case-sensitive; bytes of UTF-8 compared as bytes.
#pragma once

#include <string>
#include <string_view>

namespace nianbao::store {

bool glob_matches(std::string_view pattern, std::string_view text);

// The same pattern as a POSIX regular expression anchored at both ends (PostgreSQL's `~`).
std::string glob_to_regex(std::string_view pattern);

}  // namespace nianbao::store
