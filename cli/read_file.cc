// Whole-file reads for CLI inputs. Uses C stdio so the errno reason ("No such file or
// directory", "Permission denied") can be reported verbatim.
#include "cli/read_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace nianbao::cli {

std::optional<std::string> read_file_bytes(const std::string& path, std::string& error) {
  auto fail = [&](const std::string& reason) -> std::optional<std::string> {
    error = "cannot read " + path + ": " + reason;
    return std::nullopt;
  };
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) return fail("is a directory");
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail(std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) bytes.append(buffer, count);
  if (std::ferror(file.get())) return fail(std::strerror(errno));
  return bytes;
}

}  // namespace nianbao::cli
