// word/document.xml → the body in reading order: paragraph text and every top-level w:tbl as a
// grid. The entry point the DOCX fuzzer drives (any bytes in, never a crash).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/model/grid.h"

namespace nianbao::docx {

struct WordBody {
  bool ok = false;
  std::string error;   // why the XML could not be read (when !ok)
  std::string text;    // paragraphs and table rows, one per line (not yet normalized)
  std::vector<Grid> grids;  // numbered from 0 in document order
};

WordBody read_word_body(std::string_view document_xml);

}  // namespace nianbao::docx
