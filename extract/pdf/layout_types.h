// The units the PDF layout analysis works on: words as poppler places them, fragments (runs of
// words that read as one cell), and lines of fragments sharing a baseline band.
#pragma once

#include <string>
#include <vector>

#include "extract/model/grid.h"

namespace nianbao::pdf {

// One poppler text box: a word (or a run of CJK characters) with its box in points.
struct PageWord {
  std::string text;  // UTF-8 as poppler gives it (not yet normalized)
  BoundingBox box;
  bool space_after = false;
  bool rotated = false;  // written vertically (a stacked label in a merged cell)
};

// A ruling line the page draws (a table border), in points: horizontal when `y0 == y1`.
struct Ruling {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool horizontal() const { return y0 == y1; }
};

struct PageWords {
  int page = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<PageWord> words;
  std::vector<Ruling> rulings;  // empty when the page draws none (or was not rendered)
};

// Words of one line close enough to read as one cell; `value` when the text is a number or a
// placeholder, which is never glued to a neighbouring value.
struct Fragment {
  std::string text;
  BoundingBox box;
  int page = 0;
  bool value = false;
  bool vertical = false;  // a label stacked one character per line, joined top to bottom
  std::vector<BoundingBox> words = {};  // boxes of the words joined into it (header columns use them)

  double center_y() const { return (box.top + box.bottom) / 2; }
  double center_x() const { return (box.left + box.right) / 2; }
  double height() const { return box.bottom - box.top; }
};

struct Line {
  std::vector<Fragment> fragments;  // left to right
  double top = 0, bottom = 0;
};

}  // namespace nianbao::pdf
