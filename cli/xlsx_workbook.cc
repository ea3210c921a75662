// The libxlsxwriter calls behind XlsxWorkbook, each checked: a failure becomes an XlsxError that
// names the file, the sheet and the row. See xlsx_workbook.h.
#include "cli/xlsx_workbook.h"

#include <xlsxwriter.h>

namespace nianbao::cli {

XlsxWorkbook::XlsxWorkbook(const std::string& path, bool constant_memory) : path_(path) {
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = constant_memory ? LXW_TRUE : LXW_FALSE;
  workbook_ = workbook_new_opt(path_.c_str(), &options);
  if (!workbook_) throw XlsxError(path_ + ": cannot start the workbook");
  header_format_ = workbook_add_format(workbook_);
  format_set_bold(header_format_);
}

XlsxWorkbook::~XlsxWorkbook() {
  if (workbook_) lxw_workbook_free(workbook_);
}

void XlsxWorkbook::check(int error, const std::string& what) const {
  if (error != LXW_NO_ERROR) {
    throw XlsxError(path_ + ": " + what + ": " + lxw_strerror(static_cast<lxw_error>(error)));
  }
}

lxw_worksheet* XlsxWorkbook::create_worksheet(const std::string& name, const std::vector<std::string>& header) {
  if (!workbook_) throw XlsxError(path_ + ": sheet " + name + " added after the workbook was written");
  check(workbook_validate_sheet_name(workbook_, name.c_str()), "sheet name " + name);
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook_, name.c_str());
  if (!worksheet) throw XlsxError(path_ + ": cannot add sheet " + name);
  if (header.size() > LXW_COL_MAX) {
    throw XlsxError(path_ + ": sheet " + name + ": " + std::to_string(header.size()) + " columns, Excel allows " +
                    std::to_string(LXW_COL_MAX));
  }
  for (size_t col = 0; col < header.size(); ++col) {
    check(worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(col), header[col].c_str(), header_format_),
          "sheet " + name + ", header column " + std::to_string(col + 1));
  }
  worksheet_freeze_panes(worksheet, 1, 0);
  return worksheet;
}

size_t XlsxWorkbook::add_sheet(const std::string& name, const std::vector<std::string>& header) {
  Sheet sheet;
  sheet.name = name;
  sheet.header = header;
  sheet.worksheet = create_worksheet(name, header);
  sheet.next_row = 1;
  sheets_.push_back(std::move(sheet));
  return sheets_.size() - 1;
}

void XlsxWorkbook::append_row(size_t index, const std::vector<XlsxValue>& row) {
  Sheet& sheet = sheets_.at(index);
  if (sheet.next_row == kMaxRowsPerSheet) {
    sheet.continuation += 1;
    sheet.worksheet = create_worksheet(sheet.name + " (" + std::to_string(sheet.continuation) + ")", sheet.header);
    sheet.next_row = 1;
  }
  auto excel_row = static_cast<lxw_row_t>(sheet.next_row);
  for (size_t col = 0; col < row.size(); ++col) {
    auto excel_col = static_cast<lxw_col_t>(col);
    int error = LXW_NO_ERROR;
    if (const auto* number = std::get_if<double>(&row[col])) {
      error = worksheet_write_number(sheet.worksheet, excel_row, excel_col, *number, nullptr);
    } else if (const auto* text = std::get_if<std::string>(&row[col]); text && !text->empty()) {
      error = worksheet_write_string(sheet.worksheet, excel_row, excel_col, text->c_str(), nullptr);
    }
    if (error != LXW_NO_ERROR) {
      check(error, "sheet " + sheet.name + ", row " + std::to_string(sheet.next_row + 1) + ", column " +
                       (col < sheet.header.size() ? sheet.header[col] : std::to_string(col + 1)));
    }
  }
  sheet.next_row += 1;
}

void XlsxWorkbook::close() {
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;  // workbook_close frees it, whatever it returns
  check(workbook_close(workbook), "writing the workbook");
}

}  // namespace nianbao::cli
