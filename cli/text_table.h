// Plain-text tables for the terminal: columns padded to the display width of their widest cell,
// counting CJK characters as two columns so Chinese labels line up.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nianbao::cli {

// Terminal columns `text` occupies (UTF-8; East Asian wide characters count 2).
int display_width(std::string_view text);

class TextTable {
 public:
  enum class Align { left, right };

  // The first column is left-aligned; the others use `others` (numbers: right).
  explicit TextTable(Align others = Align::right) : others_(others) {}

  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  // Rows separated by newlines, cells by two spaces, no trailing spaces.
  std::string render() const;

 private:
  Align others_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace nianbao::cli
