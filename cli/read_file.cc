// Whole-file reads for CLI inputs. Uses C stdio so the errno reason ("No such file or
// directory", "Permission denied") can be reported verbatim; the size limit is checked before reading.
#include "cli/read_file.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace nianbao::cli {
namespace {

std::string over_limit(uint64_t size, uint64_t limit, bool at_least) {
  return (at_least ? "more than " : "") + describe_size(size) + " is over the document size limit of " +
         describe_size(limit) + " (--max-document-size); not read";
}

}  // namespace

std::string describe_size(uint64_t bytes) {
  std::string text = std::to_string(bytes) + " bytes";
  if (bytes >= (uint64_t{1} << 20)) {
    char mib[32];
    std::snprintf(mib, sizeof mib, " (%.1f MiB)", static_cast<double>(bytes) / (1 << 20));
    text += mib;
  }
  return text;
}

std::optional<std::string> read_file_bytes(const std::string& path, std::string& error, uint64_t max_size) {
  auto fail = [&](const std::string& reason) -> std::optional<std::string> {
    error = "cannot read " + path + ": " + reason;
    return std::nullopt;
  };
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) return fail("is a directory");
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail(std::strerror(errno));
  struct stat status {};
  bool regular = fstat(fileno(file.get()), &status) == 0 && S_ISREG(status.st_mode);
  uint64_t size = regular ? static_cast<uint64_t>(status.st_size) : 0;
  if (size > max_size) return fail(over_limit(size, max_size, false));
  std::string bytes;
  bytes.reserve(size);  // exact: no doubling growth
  char buffer[1 << 16];
  size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (bytes.size() + count > max_size) return fail(over_limit(max_size, max_size, true));  // a pipe, or growing
    bytes.append(buffer, count);
  }
  if (std::ferror(file.get())) return fail(std::strerror(errno));
  return bytes;
}

void add_max_document_size_option(CLI::App* command, uint64_t& limit) {
  command
      ->add_option("--max-document-size", limit,
                   "refuse (never read) a document larger than this: bytes, or 500k, 64MiB, 1g (default 64MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
}

}  // namespace nianbao::cli
