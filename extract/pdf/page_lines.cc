// Line building: words sorted by their vertical centre join the line they overlap by at least
// half their height; inside a line, a gap under 0.6 of the text height joins words into a fragment.
#include "extract/pdf/page_lines.h"

#include <algorithm>

#include "extract/pdf/value_text.h"
#include "extract/text/normalize.h"

namespace nianbao::pdf {
namespace {

double height_of(const BoundingBox& box) { return box.bottom - box.top; }

double vertical_overlap(const BoundingBox& box, double top, double bottom) {
  return std::min(box.bottom, bottom) - std::max(box.top, top);
}

struct RawLine {
  std::vector<const PageWord*> words;
  double top = 0, bottom = 0;
};

std::vector<RawLine> group_words(const PageWords& page) {
  std::vector<const PageWord*> sorted;
  for (const PageWord& word : page.words) sorted.push_back(&word);
  std::stable_sort(sorted.begin(), sorted.end(), [](const PageWord* a, const PageWord* b) {
    return a->box.top + a->box.bottom < b->box.top + b->box.bottom;
  });
  std::vector<RawLine> lines;
  for (const PageWord* word : sorted) {
    bool joins = !word->rotated && !lines.empty() && !lines.back().words.front()->rotated &&
                 vertical_overlap(word->box, lines.back().top, lines.back().bottom) >= 0.5 * height_of(word->box);
    if (!joins) {
      lines.push_back({{word}, word->box.top, word->box.bottom});
      continue;
    }
    RawLine& line = lines.back();
    line.words.push_back(word);
    line.top = std::min(line.top, word->box.top);
    line.bottom = std::max(line.bottom, word->box.bottom);
  }
  return lines;
}

Fragment start_fragment(const PageWord& word, int page) {
  Fragment fragment;
  fragment.text = word.text;
  fragment.box = word.box;
  fragment.page = page;
  fragment.vertical = word.rotated;
  fragment.words.push_back(word.box);
  return fragment;
}

void finish_fragment(Fragment& fragment) {
  fragment.text = normalize_string(fragment.text);
  fragment.value = is_value_text(fragment.text);
}

bool joins_fragment(const Fragment& fragment, const PageWord& previous, const PageWord& word) {
  if (word.rotated || fragment.vertical) return false;
  double gap = word.box.left - previous.box.right;
  double height = std::min(height_of(previous.box), height_of(word.box));
  if (gap >= 0.6 * height) return false;
  bool both_values = is_value_text(normalize_string(previous.text)) && is_value_text(normalize_string(word.text));
  return !both_values || gap < 0.05 * height;
}

std::vector<Fragment> fragments_of(RawLine& line, int page) {
  std::sort(line.words.begin(), line.words.end(),
            [](const PageWord* a, const PageWord* b) { return a->box.left < b->box.left; });
  std::vector<Fragment> fragments;
  const PageWord* previous = nullptr;
  for (const PageWord* word : line.words) {
    if (previous && joins_fragment(fragments.back(), *previous, *word)) {
      Fragment& fragment = fragments.back();
      fragment.text += (previous->space_after ? " " : "") + word->text;
      fragment.box.right = std::max(fragment.box.right, word->box.right);
      fragment.box.top = std::min(fragment.box.top, word->box.top);
      fragment.box.bottom = std::max(fragment.box.bottom, word->box.bottom);
      fragment.words.push_back(word->box);
    } else {
      if (!fragments.empty()) finish_fragment(fragments.back());
      fragments.push_back(start_fragment(*word, page));
    }
    previous = word;
  }
  if (!fragments.empty()) finish_fragment(fragments.back());
  return fragments;
}

}  // namespace

std::vector<Line> build_lines(const PageWords& page) {
  std::vector<Line> lines;
  for (RawLine& raw : group_words(page)) {
    Line line;
    line.fragments = fragments_of(raw, page.page);
    line.top = raw.top;
    line.bottom = raw.bottom;
    std::erase_if(line.fragments, [](const Fragment& fragment) { return fragment.text.empty(); });
    if (!line.fragments.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace nianbao::pdf
