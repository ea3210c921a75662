// Reading a whole input file as bytes for the commands that take FILE arguments, with an error
// that names the file and the reason (missing, a directory, permission denied …).
#pragma once

#include <stdexcept>
#include <string>

namespace nianbao::cli {

class UnreadableFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The file's exact bytes. Throws UnreadableFile "cannot read PATH: REASON".
std::string read_file_bytes(const std::string& path);

}  // namespace nianbao::cli
