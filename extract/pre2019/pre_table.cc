// Reading the statistics table row by row: a known label, an optional unit, then digit runs until
// the next label. A digit glued to a following `.`/`、` is the next row's number, not a value.
#include "extract/pre2019/pre_table.h"

#include <array>

namespace nianbao {
namespace {

constexpr size_t kSearchAfterTitle = 600;  // bytes from the title to the first row label
constexpr size_t kMaxGapBetweenRows = 300; // bytes without a label that end the table

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

size_t skip_spaces(std::string_view text, size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  return at;
}

// Skips what may precede a label: spaces, 其中:, a row number (1. / 1、 / (1)).
size_t skip_row_prefix(std::string_view text, size_t at) {
  for (bool moved = true; moved;) {
    moved = false;
    size_t next = skip_spaces(text, at);
    for (std::string_view prefix : {std::string_view("其中"), std::string_view(":"), std::string_view("、")}) {
      if (text.substr(next, prefix.size()) == prefix) next += prefix.size();
    }
    size_t digits = next;
    while (digits < text.size() && is_digit(text[digits])) ++digits;
    if (digits > next && digits < text.size() && (text[digits] == '.' || text.substr(digits, 3) == "、")) {
      next = digits + (text[digits] == '.' ? 1 : 3);
    }
    if (next != at) {
      at = next;
      moved = true;
    }
  }
  return at;
}

std::string read_unit(std::string_view text, size_t& at) {
  static constexpr std::array<std::string_view, 8> kUnits{"万元", "元", "条", "件", "人", "个", "项", "次"};
  for (std::string_view unit : kUnits) {
    if (text.substr(at, unit.size()) == unit) {
      at += unit.size();
      return std::string(unit);
    }
  }
  return "";
}

bool row_number_follows(std::string_view text, size_t at) {
  if (at >= text.size()) return false;
  size_t after = 0;
  if (text[at] == '.') after = at + 1;
  else if (text.substr(at, 3) == "、") after = at + 3;
  else return false;
  return after >= text.size() || !is_digit(text[after]);
}

// The values after a label: digit runs (a decimal point inside a run is kept) separated by spaces.
std::vector<PreToken> read_tokens(std::string_view text, size_t& at) {
  std::vector<PreToken> tokens;
  for (at = skip_spaces(text, at); at < text.size() && is_digit(text[at]); at = skip_spaces(text, at)) {
    PreToken token{"", at};
    while (at < text.size() && (is_digit(text[at]) || (text[at] == '.' && at + 1 < text.size() && is_digit(text[at + 1]) &&
                                                        !row_number_follows(text, at)))) {
      token.digits += text[at++];
    }
    tokens.push_back(std::move(token));
  }
  if (!tokens.empty() && row_number_follows(text, at)) {
    tokens.back().digits.pop_back();
    if (tokens.back().digits.empty()) tokens.pop_back();
  }
  return tokens;
}

size_t find_first_label(std::string_view text, size_t from, size_t limit) {
  for (size_t at = from; at < text.size() && at < limit; at += utf8_length(static_cast<unsigned char>(text[at]))) {
    if (pre_row_label_at(text.substr(at)) != nullptr) return at;
  }
  return std::string_view::npos;
}

void read_header(std::string_view header, PreTable& table) {
  size_t cumulative = header.find("累计");
  if (cumulative == std::string_view::npos) {
    table.value_columns = 1;
    return;
  }
  size_t year = header.find("年度");
  if (year == std::string_view::npos) year = header.find("本期");
  table.year_first = year == std::string_view::npos || year < cumulative;
}

void read_rows(std::string_view text, size_t first_label, PreTable& table) {
  size_t at = first_label;
  size_t last_row_end = first_label;
  while (at < text.size() && at - last_row_end <= kMaxGapBetweenRows) {
    size_t label_at = skip_row_prefix(text, at);
    const PreRowLabel* label = pre_row_label_at(text.substr(label_at));
    if (label == nullptr) {
      at += utf8_length(static_cast<unsigned char>(text[at]));
      continue;
    }
    PreTableRow row;
    row.label = label;
    at = skip_spaces(text, label_at + label->label.size());
    row.unit = read_unit(text, at);
    row.tokens = read_tokens(text, at);
    table.rows.push_back(std::move(row));
    last_row_end = at;
  }
}

}  // namespace

std::optional<PreTable> read_pre_table(std::string_view text) {
  for (size_t title = text.find("统计表"); title != std::string_view::npos; title = text.find("统计表", title + 1)) {
    size_t first_label = find_first_label(text, title, title + kSearchAfterTitle);
    if (first_label == std::string_view::npos) continue;
    std::string_view header = text.substr(title, first_label - title);
    if (header.find("指标") == std::string_view::npos && header.find("累计") == std::string_view::npos &&
        header.find("计量") == std::string_view::npos) {
      continue;  // a mention of the table in the prose, not its title
    }
    PreTable table;
    table.start = title;
    read_header(header, table);
    read_rows(text, first_label, table);
    table.fused = table.value_columns == 2;
    for (const PreTableRow& row : table.rows) {
      if (row.tokens.size() >= 2) table.fused = false;
    }
    if (!table.rows.empty()) return table;
  }
  return std::nullopt;
}

}  // namespace nianbao
