// RFC 4180 parsing with line numbers for messages: one pass over the text, field by field.
// See csv_reader.h.
#include "cli/csv_reader.h"

#include <fstream>
#include <sstream>

namespace nianbao::cli {
namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
  }

  std::vector<CsvRecord> records() {
    std::vector<CsvRecord> records;
    while (at_ < text_.size()) {
      skip_blanks();
      if (at_ < text_.size() && text_[at_] == '#') {
        skip_line();
        continue;
      }
      CsvRecord record = next_record();
      bool blank = record.fields.size() == 1 && record.fields[0].empty() && !last_field_quoted_;
      if (!blank) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw CsvError(origin_ + ":" + std::to_string(line) + ": " + what);
  }

  bool at_end() const { return at_ >= text_.size(); }
  char peek() const { return text_[at_]; }

  void skip_blanks() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) ++at_;
  }

  void skip_line() {
    while (!at_end() && peek() != '\n') ++at_;
    if (!at_end()) ++at_, ++line_;
  }

  // Consumes the line end (LF or CRLF) after a record, if any.
  void end_record() {
    if (!at_end() && peek() == '\r') ++at_;
    if (!at_end() && peek() == '\n') ++at_, ++line_;
  }

  CsvRecord next_record() {
    CsvRecord record;
    record.line = line_;
    for (;;) {
      record.fields.push_back(next_field(record.line));
      if (!at_end() && peek() == ',') {
        ++at_;
        continue;
      }
      end_record();
      return record;
    }
  }

  std::string next_field(int record_line) {
    skip_blanks();
    last_field_quoted_ = !at_end() && peek() == '"';
    return last_field_quoted_ ? quoted_field(record_line) : plain_field();
  }

  std::string quoted_field(int record_line) {
    int opened_on = line_;
    ++at_;
    std::string field;
    for (;;) {
      if (at_end()) fail(opened_on, "a quoted field is not closed (record starting on line " + std::to_string(record_line) + ")");
      char c = peek();
      if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        field += '"';
        at_ += 2;
      } else if (c == '"') {
        ++at_;
        break;
      } else {
        if (c == '\n') ++line_;
        field += c;
        ++at_;
      }
    }
    skip_blanks();
    if (!at_end() && peek() != ',' && peek() != '\r' && peek() != '\n') fail(line_, "text after the closing quote of a field");
    if (!at_end() && peek() == '\r' && (at_ + 1 >= text_.size() || text_[at_ + 1] != '\n'))
      fail(line_, "text after the closing quote of a field");
    return field;
  }

  std::string plain_field() {
    size_t start = at_;
    while (!at_end() && peek() != ',' && peek() != '\n') ++at_;
    std::string field(text_.substr(start, at_ - start));
    size_t last = field.find_last_not_of(" \t\r");
    field.erase(last == std::string::npos ? 0 : last + 1);
    return field;
  }

  std::string_view text_;
  const std::string& origin_;
  size_t at_ = 0;
  int line_ = 1;
  bool last_field_quoted_ = false;
};

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& origin) {
  std::vector<CsvRecord> records = CsvParser(text, origin).records();
  if (records.empty()) throw CsvError(origin + ":1: empty file (a header row is required)");
  CsvTable table;
  table.header = std::move(records.front().fields);
  table.records.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

CsvTable read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CsvError(path + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_csv(text.str(), path);
}

}  // namespace nianbao::cli
