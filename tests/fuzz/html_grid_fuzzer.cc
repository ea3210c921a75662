// libFuzzer target for the HTML reader's table-grid builder: any bytes are parsed with Gumbo and
// every <table> turned into a grid; the grid must stay rectangular with origins inside it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/readers/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  nianbao::ReaderResult read = nianbao::read_html_document(bytes, "");
  for (const nianbao::Grid& grid : read.document.grids) {
    for (const auto& row : grid.rows) {
      if (row.size() != grid.column_count()) std::abort();
      for (const nianbao::GridCell& cell : row) {
        if (cell.origin.row < 0 || static_cast<size_t>(cell.origin.row) >= grid.row_count()) std::abort();
        if (cell.origin.col < 0 || static_cast<size_t>(cell.origin.col) >= grid.column_count()) std::abort();
      }
    }
  }
  return 0;
}
