// The sources file: CSV with the header `agency,region_code,level,url`, one portal entry per line
// (RFC 4180 quoting). Errors name the file and line.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "crawler/frontier.h"

namespace nianbao::crawler {

class SourcesError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<Seed> read_sources_file(const std::string& path);
std::vector<Seed> parse_sources(const std::string& csv_text, const std::string& origin_for_errors);

}  // namespace nianbao::crawler
