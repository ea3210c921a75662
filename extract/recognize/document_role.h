// What a document is — a report, a landing page for an attached report, a notice about reports,
// an interpretation of one, or something else — decided from its title, headings, tables and links.
#pragma once

#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/readers/read_document.h"

namespace nianbao {

// What the classifier looks at. `title` is the document's own title (ArticleTitle, <title>, or its
// first heading); `format` is detect_format's answer; `stated_cells` counts the standard-table
// cells that print a number.
struct RoleEvidence {
  std::string title;
  const std::string* text = nullptr;  // normalized full text; never null when classifying
  Format format = Format::unknown;
  int stated_cells = 0;
  const std::vector<DocumentLink>* links = nullptr;  // may be null (no links)
};

// A report that prints its standard tables is a report whatever its title says; otherwise the
// title decides (interpretation, notice, landing, report), then the opening text, else `other`.
DocumentRole classify_document(const RoleEvidence& evidence);

// True when `title` names an annual report (…年度报告, …年报, …工作报告), not a 年度报表.
bool names_an_annual_report(const std::string& title);

// The document's first heading: its first non-empty line (a "标题:" prefix removed), at most 240 bytes.
std::string first_heading(const std::string& text);

// The title a text dump labels in its opening lines ("标题: …", as archives write them); empty if none.
std::string labelled_title(const std::string& text);

}  // namespace nianbao
