// Sources CSV reading: a small RFC 4180 field splitter (quotes, doubled quotes, CRLF) plus header
// and URL validation.
#include "crawler/sources_file.h"

#include <fstream>
#include <sstream>

#include "crawler/url.h"

namespace nianbao::crawler {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else fields.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::string trim(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\xEF\xBB\xBF"));
  text.erase(text.find_last_not_of(" \t") + 1);
  return text;
}

}  // namespace

std::vector<Seed> parse_sources(const std::string& csv_text, const std::string& origin) {
  std::istringstream lines(csv_text);
  std::string line;
  int number = 0;
  std::vector<Seed> seeds;
  bool header_seen = false;
  while (std::getline(lines, line)) {
    ++number;
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> fields = split_csv_line(line);
    for (std::string& field : fields) field = trim(field);
    if (!header_seen) {
      if (fields != std::vector<std::string>{"agency", "region_code", "level", "url"})
        throw SourcesError(origin + ":" + std::to_string(number) + ": expected the header agency,region_code,level,url");
      header_seen = true;
      continue;
    }
    if (fields.size() != 4)
      throw SourcesError(origin + ":" + std::to_string(number) + ": expected 4 fields, found " + std::to_string(fields.size()));
    if (!parse_url(fields[3]))
      throw SourcesError(origin + ":" + std::to_string(number) + ": not an http/https URL: " + fields[3]);
    seeds.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  if (!header_seen) throw SourcesError(origin + ": empty sources file (expected the header agency,region_code,level,url)");
  return seeds;
}

std::vector<Seed> read_sources_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourcesError(path + ": cannot read the sources file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_sources(text.str(), path);
}

}  // namespace nianbao::crawler
