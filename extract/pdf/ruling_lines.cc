// Ruling detection: runs of dark pixels (>= 10pt across, 5pt down) not inside one word's box; runs
// on neighbouring pixel rows merge (thicker than 3pt: a fill, dropped); collinear pieces join.
#include "extract/pdf/ruling_lines.h"

#include <algorithm>
#include <cmath>

namespace nianbao::pdf {
namespace {

constexpr uint8_t kDark = 200;
constexpr double kMinHorizontal = 10, kMinVertical = 5, kMaxThickness = 3, kJoinGap = 3, kTouch = 2.5;
constexpr double kShort = 20;  // a ruling shorter than this must meet the other direction at both ends

// A run along one axis: `across` is the pixel row (or column), [from, to) along the run.
struct Run {
  int across, from, to;
};

// A segment being grown from runs on consecutive rows (or columns), in pixels.
struct Piece {
  int first_across, last_across, from, to;
};

// A run lying within one word's box along its length is a glyph stroke (or a dash), not a
// border: a border always reaches past the text of its cell, which sits inside the padding.
bool inside_a_word(const Run& run, bool horizontal, const std::vector<BoundingBox>& boxes, double scale) {
  double across = (run.across + 0.5) / scale, from = run.from / scale, to = run.to / scale;
  return std::any_of(boxes.begin(), boxes.end(), [&](const BoundingBox& box) {
    if (horizontal) return across >= box.top && across <= box.bottom && from >= box.left - 1 && to <= box.right + 1;
    return across > box.left + 1 && across < box.right - 1 && from >= box.top - 1 && to <= box.bottom + 1;
  });
}

// Runs of dark pixels at least `min_length` pixels long that are no glyph stroke; `horizontal`
// scans rows.
std::vector<Run> find_runs(const GrayPage& page, const std::vector<BoundingBox>& boxes, bool horizontal,
                           int min_length) {
  std::vector<Run> runs;
  int lines = horizontal ? page.height : page.width, length = horizontal ? page.width : page.height;
  for (int across = 0; across < lines; ++across) {
    int start = -1;
    for (int along = 0; along <= length; ++along) {
      bool dark = false;
      if (along < length) {
        int x = horizontal ? along : across, y = horizontal ? across : along;
        dark = page.pixels[static_cast<size_t>(y) * static_cast<size_t>(page.stride) + static_cast<size_t>(x)] < kDark;
      }
      if (dark && start < 0) start = along;
      if (!dark && start >= 0) {
        Run run{across, start, along};
        if (along - start >= min_length && !inside_a_word(run, horizontal, boxes, page.scale)) runs.push_back(run);
        start = -1;
      }
    }
  }
  return runs;
}

// Runs on consecutive rows whose extents overlap grow one piece (a line a few pixels thick).
std::vector<Piece> grow_pieces(const std::vector<Run>& runs) {
  std::vector<Piece> pieces;
  size_t open_from = 0;  // pieces before this index ended more than one row ago
  for (const Run& run : runs) {
    while (open_from < pieces.size() && pieces[open_from].last_across < run.across - 1) ++open_from;
    auto grows = std::find_if(pieces.begin() + static_cast<long>(open_from), pieces.end(), [&](const Piece& piece) {
      return piece.last_across == run.across - 1 && std::min(piece.to, run.to) > std::max(piece.from, run.from);
    });
    if (grows == pieces.end()) {
      pieces.push_back({run.across, run.across, run.from, run.to});
      continue;
    }
    grows->last_across = run.across;
    grows->from = std::min(grows->from, run.from);
    grows->to = std::max(grows->to, run.to);
    // keep the list ordered by last row so that closed pieces stay in front
    std::rotate(grows, grows + 1, pieces.end());
  }
  return pieces;
}

std::vector<Ruling> to_rulings(const std::vector<Piece>& pieces, bool horizontal, double scale) {
  std::vector<Ruling> rulings;
  for (const Piece& piece : pieces) {
    double thickness = (piece.last_across - piece.first_across + 1) / scale;
    if (thickness > kMaxThickness) continue;
    double across = (piece.first_across + piece.last_across + 1) / 2.0 / scale;
    double from = piece.from / scale, to = piece.to / scale;
    rulings.push_back(horizontal ? Ruling{from, across, to, across} : Ruling{across, from, across, to});
  }
  return rulings;
}

// Collinear rulings (same line within 1.5pt) with gaps under kJoinGap become one.
std::vector<Ruling> join_collinear(std::vector<Ruling> rulings, bool horizontal) {
  auto across = [&](const Ruling& r) { return horizontal ? r.y0 : r.x0; };
  auto from = [&](const Ruling& r) { return horizontal ? r.x0 : r.y0; };
  std::sort(rulings.begin(), rulings.end(), [&](const Ruling& a, const Ruling& b) {
    return std::fabs(across(a) - across(b)) > 1.5 ? across(a) < across(b) : from(a) < from(b);
  });
  std::vector<Ruling> joined;
  for (const Ruling& ruling : rulings) {
    if (!joined.empty()) {
      Ruling& last = joined.back();
      bool same_line = std::fabs(across(last) - across(ruling)) <= 1.5;
      if (same_line && horizontal && ruling.x0 - last.x1 <= kJoinGap) {
        last.x1 = std::max(last.x1, ruling.x1);
        continue;
      }
      if (same_line && !horizontal && ruling.y0 - last.y1 <= kJoinGap) {
        last.y1 = std::max(last.y1, ruling.y1);
        continue;
      }
    }
    joined.push_back(ruling);
  }
  return joined;
}

bool touches(double x, double y, const Ruling& other) {
  if (other.horizontal()) {
    return std::fabs(y - other.y0) <= kTouch && x >= other.x0 - kTouch && x <= other.x1 + kTouch;
  }
  return std::fabs(x - other.x0) <= kTouch && y >= other.y0 - kTouch && y <= other.y1 + kTouch;
}

bool touches_any(double x, double y, const std::vector<Ruling>& others) {
  return std::any_of(others.begin(), others.end(), [&](const Ruling& other) { return touches(x, y, other); });
}

// Long rulings need one end on a ruling of the other direction (a table cut by the page break
// leaves the other end open); short ones need both, so that stray marks and strokes drop out.
bool anchored(const Ruling& ruling, const std::vector<Ruling>& others) {
  bool start = touches_any(ruling.x0, ruling.y0, others), end = touches_any(ruling.x1, ruling.y1, others);
  double length = (ruling.x1 - ruling.x0) + (ruling.y1 - ruling.y0);
  return length < kShort ? start && end : start || end;
}

// Drops unanchored rulings until none is left: a dropped stray mark may have anchored another.
std::vector<Ruling> keep_anchored(std::vector<Ruling> horizontal, std::vector<Ruling> vertical) {
  for (bool changed = true; changed;) {
    size_t before = horizontal.size() + vertical.size();
    std::erase_if(horizontal, [&](const Ruling& ruling) { return !anchored(ruling, vertical); });
    std::erase_if(vertical, [&](const Ruling& ruling) { return !anchored(ruling, horizontal); });
    changed = horizontal.size() + vertical.size() != before;
  }
  horizontal.insert(horizontal.end(), vertical.begin(), vertical.end());
  return horizontal;
}

}  // namespace

std::vector<Ruling> find_rulings(const GrayPage& page, const std::vector<BoundingBox>& text_boxes) {
  if (!page.pixels || page.width <= 0 || page.height <= 0) return {};
  int min_h = static_cast<int>(kMinHorizontal * page.scale), min_v = static_cast<int>(kMinVertical * page.scale);
  std::vector<Ruling> horizontal =
      join_collinear(to_rulings(grow_pieces(find_runs(page, text_boxes, true, min_h)), true, page.scale), true);
  std::vector<Ruling> vertical =
      join_collinear(to_rulings(grow_pieces(find_runs(page, text_boxes, false, min_v)), false, page.scale), false);
  return keep_anchored(std::move(horizontal), std::move(vertical));
}

}  // namespace nianbao::pdf
