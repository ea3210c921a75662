// The prose of a report as sentences (table rows left out), and counts as the prose writes them:
// Arabic digits or the common Chinese numerals (十五, 一百二十, 两千零五).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nianbao {

// The sentences of a normalized report text: lines that belong to a table (pipe rows, as the
// readers print table grids) are dropped, a paragraph broken across lines is joined again, and
// paragraphs are cut at 。 ; ! ?.
std::vector<std::string> prose_sentences(const std::string& text);

// "154" → 154, "一百二十" → 120, "十五" → 15, "两" → 2; nullopt for anything else.
std::optional<long long> parse_count(const std::string& written);

// The regular-expression alternative (one capturing group) matching a count as parse_count reads it.
const std::string& count_pattern();

// `sentence` shortened to at most `limit` bytes on a UTF-8 character boundary, "…" marking a cut.
std::string quote(const std::string& sentence, size_t limit = 240);

}  // namespace nianbao
