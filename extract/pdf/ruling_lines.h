// Ruling lines from a rendered page: long thin runs of dark pixels become horizontal and vertical
// Rulings in points; fills, glyph strokes (runs within a word's box) and stray marks are left out.
#pragma once

#include <cstdint>
#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

// An 8-bit gray bitmap of a page (0 = black), `scale` pixels per point.
struct GrayPage {
  int width = 0, height = 0, stride = 0;
  const uint8_t* pixels = nullptr;
  double scale = 1;
};

// Rulings of the page; `text_boxes` (in points) tell glyph strokes from lines. Only segments that
// meet the other direction at an end (at both ends when shorter than 20pt) are kept.
std::vector<Ruling> find_rulings(const GrayPage& page, const std::vector<BoundingBox>& text_boxes);

}  // namespace nianbao::pdf
