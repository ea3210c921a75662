// Reading a whole input file as bytes for the commands that take FILE arguments, with an error
// that names the file and the reason (missing, a directory, permission denied, over the size limit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace nianbao::cli {

// Documents above this size are refused unread (`--max-document-size`): extraction needs a few
// times a document's size in memory, so one huge file must not exhaust the machine.
inline constexpr uint64_t kDefaultMaxDocumentSize = uint64_t{64} << 20;

// The file's exact bytes, or nullopt with `error` set to "cannot read PATH: REASON". A file larger
// than `max_size` bytes is not read: the reason names its size and the limit.
std::optional<std::string> read_file_bytes(const std::string& path, std::string& error,
                                           uint64_t max_size = kDefaultMaxDocumentSize);

// Adds `--max-document-size SIZE` (bytes, or with a unit: 500k, 64MiB, 1g) to `command`, into `limit`.
void add_max_document_size_option(CLI::App* command, uint64_t& limit);

// "67108864 bytes (64 MiB)": a size as the limit messages print it.
std::string describe_size(uint64_t bytes);

}  // namespace nianbao::cli
