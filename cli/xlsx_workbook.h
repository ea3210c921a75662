// An .xlsx file written through libxlsxwriter: named sheets with a bold, frozen header row, rows
// appended in order, numbers stored as numbers; a sheet that fills up continues on "NAME (2)".
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace nianbao::cli {

// What went wrong, naming the file and, while writing, the sheet and row.
class XlsxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One cell: empty, a number or text.
using XlsxValue = std::variant<std::monostate, double, std::string>;

class XlsxWorkbook {
 public:
  // Excel's limit, header included.
  static constexpr size_t kMaxRowsPerSheet = 1048576;

  // `constant_memory`: rows go to temporary files as they are written and text is stored inline
  // (no shared string table), for workbooks too large to hold in memory.
  XlsxWorkbook(const std::string& path, bool constant_memory);
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  // Adds a sheet with its header row; returns the handle append_row takes.
  size_t add_sheet(const std::string& name, const std::vector<std::string>& header);
  void append_row(size_t sheet, const std::vector<XlsxValue>& row);

  // Writes the file. Without close() the destructor discards the workbook and writes nothing.
  void close();

 private:
  struct Sheet {
    std::string name;
    std::vector<std::string> header;
    lxw_worksheet* worksheet = nullptr;
    size_t next_row = 0;
    int continuation = 1;  // the n of "NAME (n)" currently written
  };

  lxw_worksheet* create_worksheet(const std::string& name, const std::vector<std::string>& header);
  void check(int error, const std::string& what) const;

  std::string path_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_format_ = nullptr;
  std::vector<Sheet> sheets_;
};

}  // namespace nianbao::cli
