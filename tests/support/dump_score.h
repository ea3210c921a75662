// Test support for lossy renderings (verified-dump gold, flattened text): how many cells are right,
// wrong, or null, whether every null cell is named by a finding, and an HTML page stripped of its
// markup onto one line the way archives dump pages. Header-only (tests/CMakeLists.txt builds gold.cc only).
#pragma once

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "extract/model/report.h"

namespace nianbao::testing {

struct DumpScore {
  int cells = 0;
  int right = 0;
  std::vector<std::string> wrong;           // "key: got X, want Y"
  std::vector<std::string> null_unnamed;    // null where the gold has a value, and no finding names it
  int null_named = 0;                       // null where the gold has a value, named by a finding
};

inline bool finding_names(const Report& report, const std::string& key) {
  for (const Finding& finding : report.findings) {
    for (const std::string& cell : finding.cells) {
      if (cell == key) return true;
    }
  }
  return false;
}

// Scores `report` against the gold's cells: a value equal to the gold is right, another value is
// wrong, a null where the gold has a number is right only when the gold is null too.
inline DumpScore score_dump(const Report& report, const nlohmann::json& gold) {
  DumpScore score;
  for (const auto& [key, want] : gold.at("cells").items()) {
    ++score.cells;
    auto found = report.cells.find(key);
    bool has_value = found != report.cells.end() && found->second.value.has_value();
    if (want.is_null()) {
      if (has_value) score.wrong.push_back(key + ": got " + std::to_string(found->second.value->value) + ", want null");
      else ++score.right;
      continue;
    }
    if (!has_value) {
      if (finding_names(report, key)) ++score.null_named;
      else score.null_unnamed.push_back(key);
      continue;
    }
    if (std::fabs(found->second.value->value - want.get<double>()) < 1e-9) {
      ++score.right;
    } else {
      score.wrong.push_back(key + ": got " + std::to_string(found->second.value->value) + ", want " + want.dump());
    }
  }
  return score;
}

namespace detail {

inline void collect_text(const GumboNode* node, std::vector<std::string>& pieces) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    pieces.emplace_back(node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) collect_text(static_cast<const GumboNode*>(children.data[i]), pieces);
}

// Runs of ASCII whitespace and no-break spaces (U+00A0, &nbsp;) become one space.
inline std::string fold_spaces(const std::string& text) {
  std::string out;
  bool space = true;
  for (size_t i = 0; i < text.size(); ++i) {
    bool nbsp = static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
                static_cast<unsigned char>(text[i + 1]) == 0xA0;
    bool is_space = nbsp || text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
    if (is_space) {
      if (!space) out.push_back(' ');
      space = true;
      if (nbsp) ++i;
      continue;
    }
    out.push_back(text[i]);
    space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace detail

// The page's text nodes (scripts and styles left out) joined by single spaces on one line: the
// form archives and mirror sites keep of a page whose markup they strip.
inline std::string strip_markup_to_line(const std::string& html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<std::string> pieces;
  detail::collect_text(output->root, pieces);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  std::string joined;
  for (const std::string& piece : pieces) joined += piece + " ";
  return detail::fold_spaces(joined);
}

}  // namespace nianbao::testing
