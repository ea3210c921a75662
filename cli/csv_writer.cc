// RFC 4180 CSV output: the quoting rule for one field and the record writer that uses it.
// See csv_writer.h.
#include "cli/csv_writer.h"

namespace nianbao::cli {
namespace {

// RFC 4180 requires quotes for commas, quotes and line breaks; quoting surrounding blanks too
// keeps readers that trim unquoted fields (cli/csv_reader.h) from changing the text.
bool needs_quotes(std::string_view text) {
  if (text.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  if (text.empty()) return false;
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  return blank(text.front()) || blank(text.back());
}

void append_field(std::string& line, std::string_view text) {
  if (!needs_quotes(text)) {
    line += text;
    return;
  }
  line += '"';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string field;
  append_field(field, text);
  return field;
}

CsvWriter::CsvWriter(std::ostream& out) : out_(out) { out_ << "\xEF\xBB\xBF"; }

void CsvWriter::write_row(const std::vector<std::string>& fields) {
  line_.clear();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_ += ',';
    append_field(line_, fields[i]);
  }
  line_ += "\r\n";
  out_ << line_;
}

}  // namespace nianbao::cli
