// Writing CSV as RFC 4180 says: a UTF-8 byte order mark first (so spreadsheet programs read the
// Chinese text as UTF-8), fields quoted when they hold a comma, quote, CR or LF (or start or end
// with a blank), quotes doubled, CRLF line ends.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::cli {

// The field as it appears in the file: unchanged, or in double quotes with quotes doubled.
std::string csv_field(std::string_view text);

class CsvWriter {
 public:
  // Writes the byte order mark at once.
  explicit CsvWriter(std::ostream& out);

  // One record: the fields joined by commas, then CRLF.
  void write_row(const std::vector<std::string>& fields);

 private:
  std::ostream& out_;
  std::string line_;  // reused between rows
};

}  // namespace nianbao::cli
