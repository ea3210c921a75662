// Reading a whole input file as bytes for the commands that take FILE arguments, with an error
// that names the file and the reason (missing, a directory, permission denied …).
#pragma once

#include <optional>
#include <string>

namespace nianbao::cli {

// The file's exact bytes, or nullopt with `error` set to "cannot read PATH: REASON".
std::optional<std::string> read_file_bytes(const std::string& path, std::string& error);

}  // namespace nianbao::cli
