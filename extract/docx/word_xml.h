// Small helpers over libxml2 nodes of WordprocessingML: element tests by w: local name, w:val
// attributes, and the visible text of a subtree (w:t, tabs and breaks; deleted text and fallbacks skipped).
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>

namespace nianbao::docx {

// True for an element in the WordprocessingML namespace (or unprefixed) with this local name.
bool is_word_element(const xmlNode* node, const char* local_name);

// The first child element with this w: local name, or nullptr.
const xmlNode* word_child(const xmlNode* node, const char* local_name);

// The w:val attribute of an element (w:gridSpan, w:vMerge …), when present.
std::optional<std::string> word_val(const xmlNode* node);

// Visible text of a subtree: w:t text, w:tab as a space, w:br/w:cr and paragraph ends as "\n".
std::string word_text(const xmlNode* node);

}  // namespace nianbao::docx
