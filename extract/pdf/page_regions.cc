// Region finding. Prose is a single fragment filling most of the text width; a heading is a single
// enumerated fragment (三、收到和处理…); page numbers look like "-3-". Everything else is tabular.
#include "extract/pdf/page_regions.h"

#include <algorithm>
#include <string_view>

namespace nianbao::pdf {
namespace {

bool consume_dash(std::string_view& text) {
  for (std::string_view dash : {"-", "\xE2\x80\x94", "\xEF\xBC\x8D", "\xE2\x80\x93"}) {
    if (text.substr(0, dash.size()) == dash) {
      text.remove_prefix(dash.size());
      return true;
    }
  }
  return false;
}

// "-3-", "— 3 —": a page number between dashes.
bool is_page_number(std::string_view text) {
  auto skip_spaces = [&] { while (!text.empty() && text.front() == ' ') text.remove_prefix(1); };
  skip_spaces();
  if (!consume_dash(text)) return false;
  skip_spaces();
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 3) return false;
  text.remove_prefix(digits);
  skip_spaces();
  if (!consume_dash(text)) return false;
  skip_spaces();
  return text.empty();
}

bool is_heading(const std::string& text) {
  static const char* const kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t at = 0;
  bool numeral = true;
  while (numeral) {
    numeral = false;
    for (const char* digit : kNumerals) {
      std::string_view candidate(digit);
      if (text.compare(at, candidate.size(), candidate) == 0) {
        at += candidate.size();
        numeral = true;
        break;
      }
    }
  }
  if (at == 0 || text.compare(at, 3, "、") != 0) return false;
  return text.size() - at - 3 >= 4 * 3;  // at least four characters after the enumerator
}

bool has_value(const Line& line) {
  return std::any_of(line.fragments.begin(), line.fragments.end(), [](const Fragment& f) { return f.value; });
}

bool is_table_region(const Region& region) {
  bool values = std::any_of(region.lines.begin(), region.lines.end(), has_value);
  bool multi_cell = std::any_of(region.lines.begin(), region.lines.end(),
                                [](const Line& line) { return line.fragments.size() >= 2; });
  return values && multi_cell;
}

}  // namespace

LineKind classify_line(const Line& line, double text_left, double text_right) {
  if (line.fragments.size() != 1) return LineKind::table;
  const Fragment& only = line.fragments.front();
  if (is_page_number(only.text)) return LineKind::page_number;
  if (only.value || only.vertical) return LineKind::table;
  if (is_heading(only.text)) return LineKind::heading;
  double width = only.box.right - only.box.left;
  if (width >= 0.7 * (text_right - text_left)) return LineKind::prose;
  return LineKind::table;
}

std::vector<Region> find_table_regions(const std::vector<Line>& lines, int page) {
  double text_left = 1e9, text_right = -1e9;
  for (const Line& line : lines) {
    for (const Fragment& fragment : line.fragments) {
      text_left = std::min(text_left, fragment.box.left);
      text_right = std::max(text_right, fragment.box.right);
    }
  }
  std::vector<Region> regions;
  Region current{page, {}};
  auto close_region = [&] {
    if (is_table_region(current)) regions.push_back(std::move(current));
    current = Region{page, {}};
  };
  for (const Line& line : lines) {
    if (classify_line(line, text_left, text_right) == LineKind::table) {
      current.lines.push_back(line);
    } else {
      close_region();
    }
  }
  close_region();
  return regions;
}

}  // namespace nianbao::pdf
