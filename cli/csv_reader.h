// A small RFC 4180 CSV reader for the files users hand to the CLI (agencies): a header row, then
// records whose fields may be quoted (commas, doubled quotes, line breaks inside quotes).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::cli {

// "<file>:<line>: <what is wrong>".
class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CsvRecord {
  int line = 0;  // the line the record starts on, counting from 1
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // the first record
  std::vector<CsvRecord> records;   // the others
};

// Parses UTF-8 CSV text (a leading BOM is skipped; LF or CRLF line ends). Fields are trimmed of
// surrounding spaces and tabs unless quoted; blank lines and lines starting with '#' are skipped.
// Throws CsvError naming `origin` and the line for an unterminated quote, text after a closing
// quote, or an empty input.
CsvTable parse_csv(std::string_view text, const std::string& origin);

// Reads and parses a file; CsvError when it cannot be read.
CsvTable read_csv_file(const std::string& path);

}  // namespace nianbao::cli
