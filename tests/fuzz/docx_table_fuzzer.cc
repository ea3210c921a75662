// libFuzzer target for the DOCX table reader: the input is read as word/document.xml (tables with
// gridSpan/vMerge expanded) and, when it looks like a ZIP, as a whole DOCX. Must never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/docx/word_document.h"
#include "extract/readers/docx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  nianbao::docx::WordBody body = nianbao::docx::read_word_body(bytes);
  for (const nianbao::Grid& grid : body.grids) {
    for (const auto& row : grid.rows) {
      if (row.size() != grid.column_count()) __builtin_trap();  // every row must have the same width
    }
  }
  if (bytes.substr(0, 2) == "PK") nianbao::read_docx_document(bytes);
  return 0;
}
