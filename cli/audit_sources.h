// The stored copies behind the audit's flags, saved as DIR/sources/<sha256>.<ext> so that
// audit.html links to files beside it and works offline (the original URL is linked as well).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/audit.h"

#include "store/session.h"

namespace nianbao::cli {

// The file extension for a stored document: from its media type, else from the URL's own
// extension, else "bin". Always lower-case letters and digits, never empty.
std::string source_file_extension(const std::string& media_type, const std::string& url);

class SavedSources {
 public:
  // "sources/<sha256>.<ext>" for the flag's saved source, "" when none was saved.
  std::string href(const store::AuditFlag& flag) const;
  size_t files_written() const { return hrefs_by_sha256_.size(); }

  // Saves, once per sha256, the document each flag cites: its source_sha256, else the body last
  // stored for its source_url (a crawled column page). Creates DIR/sources. Throws
  // std::runtime_error naming the file that could not be written, StoreError when reading fails.
  static SavedSources save(store::Session& db, const std::vector<store::AuditFlag>& flags, const std::filesystem::path& out_dir);

 private:
  std::map<std::string, std::string> hrefs_by_sha256_;
  std::map<std::string, std::string> sha256_by_url_;  // for flags without a source_sha256
};

}  // namespace nianbao::cli
