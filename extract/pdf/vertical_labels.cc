// A stack: fragments of at most two characters (or rotated ones), left edges within 3pt, each
// starting less than 1.5 character widths below the previous; three upright or two rotated needed.
#include "extract/pdf/vertical_labels.h"

#include <algorithm>
#include <cmath>

namespace nianbao::pdf {
namespace {

size_t code_points(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

bool stackable(const Fragment& fragment) {
  return !fragment.value && (fragment.vertical || code_points(fragment.text) <= 2);
}

bool continues_stack(const Fragment& last, const Fragment& next) {
  double width = std::min(last.box.right - last.box.left, next.box.right - next.box.left);
  double gap = next.box.top - last.box.bottom;
  return std::fabs(next.box.left - last.box.left) <= 3 && gap > -1 && gap < 1.5 * std::max(width, 1.0);
}

bool is_stack(const std::vector<size_t>& members, const std::vector<Fragment>& fragments) {
  bool rotated = std::any_of(members.begin(), members.end(), [&](size_t i) { return fragments[i].vertical; });
  return members.size() >= (rotated ? 2u : 3u);
}

}  // namespace

Fragment join_stack(const std::vector<size_t>& members, const std::vector<Fragment>& fragments) {
  Fragment joined = fragments[members.front()];
  joined.text.clear();
  for (size_t i : members) {
    const Fragment& part = fragments[i];
    joined.text += part.text;
    joined.box.left = std::min(joined.box.left, part.box.left);
    joined.box.right = std::max(joined.box.right, part.box.right);
    joined.box.bottom = std::max(joined.box.bottom, part.box.bottom);
  }
  joined.vertical = true;
  return joined;
}

std::vector<std::vector<size_t>> find_vertical_stacks(const std::vector<Fragment>& fragments) {
  std::vector<size_t> order;
  for (size_t i = 0; i < fragments.size(); ++i) {
    if (stackable(fragments[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return fragments[a].box.top < fragments[b].box.top; });
  std::vector<bool> used(fragments.size(), false);
  std::vector<std::vector<size_t>> stacks;
  for (size_t start : order) {
    if (used[start]) continue;
    std::vector<size_t> members{start};
    for (size_t candidate : order) {
      if (!used[candidate] && candidate != members.back() &&
          fragments[candidate].box.top > fragments[members.back()].box.top &&
          continues_stack(fragments[members.back()], fragments[candidate])) {
        members.push_back(candidate);
      }
    }
    if (!is_stack(members, fragments)) continue;
    for (size_t i : members) used[i] = true;
    stacks.push_back(std::move(members));
  }
  return stacks;
}

}  // namespace nianbao::pdf
