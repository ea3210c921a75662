// Failures a command finds after its arguments are parsed, which its run() turns into exit status
// 2 with the message: a usage problem, and a failure writing its output.
#pragma once

#include <stdexcept>

namespace nianbao::cli {

// A usage problem found after parsing (a region that is not a code, bad --years, xlsx to stdout).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failure writing the command's output (a file or a folder); the message names the file.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nianbao::cli
