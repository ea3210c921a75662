// Saving the flags' stored documents next to audit.html: read each distinct document once from
// the database and write it byte-exact under sources/, named by its sha256.
#include "cli/audit_sources.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "store/document_bytes.h"

namespace nianbao::cli {
namespace {

const std::map<std::string, std::string>& extensions_by_media_type() {
  static const std::map<std::string, std::string> kExtensions = {
      {"text/html", "html"},
      {"application/xhtml+xml", "html"},
      {"text/plain", "txt"},
      {"text/markdown", "md"},
      {"application/pdf", "pdf"},
      {"application/msword", "doc"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
      {"application/vnd.ms-excel", "xls"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
      {"application/vnd.ms-works", "wps"},
      {"application/zip", "zip"},
      {"image/png", "png"},
      {"image/jpeg", "jpg"},
  };
  return kExtensions;
}

// "text/html; charset=gbk" → "text/html".
std::string bare_media_type(const std::string& media_type) {
  std::string bare;
  for (char c : media_type) {
    if (c == ';') break;
    if (!std::isspace(static_cast<unsigned char>(c))) bare += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return bare;
}

// The extension of the URL's last path segment (before ? and #), when it is short and plain.
std::string url_extension(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot + 1 == name.size() || name.size() - dot - 1 > 5) return "";
  std::string extension;
  for (char c : name.substr(dot + 1)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return "";
    extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension == "htm" || extension == "shtml" ? "html" : extension;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string() + ": write failed (disk full?)");
}

std::filesystem::path sources_dir_of(const std::filesystem::path& out_dir) {
  std::filesystem::path dir = out_dir / "sources";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
  return dir;
}

}  // namespace

std::string source_file_extension(const std::string& media_type, const std::string& url) {
  auto known = extensions_by_media_type().find(bare_media_type(media_type));
  if (known != extensions_by_media_type().end()) return known->second;
  std::string from_url = url_extension(url);
  return from_url.empty() ? "bin" : from_url;
}

std::string SavedSources::href(const store::AuditFlag& flag) const {
  std::string sha256 = flag.source_sha256;
  if (sha256.empty()) {
    auto by_url = sha256_by_url_.find(flag.source_url);
    if (by_url == sha256_by_url_.end()) return "";
    sha256 = by_url->second;
  }
  auto found = hrefs_by_sha256_.find(sha256);
  return found == hrefs_by_sha256_.end() ? "" : found->second;
}

SavedSources SavedSources::save(store::Session& db, const std::vector<store::AuditFlag>& flags,
                                const std::filesystem::path& out_dir) {
  SavedSources saved;
  std::optional<std::filesystem::path> sources_dir;  // created with the first file
  for (const store::AuditFlag& flag : flags) {
    bool by_sha256 = !flag.source_sha256.empty();
    if (by_sha256 ? saved.hrefs_by_sha256_.count(flag.source_sha256) > 0
                  : flag.source_url.empty() || saved.sha256_by_url_.count(flag.source_url) > 0) {
      continue;
    }
    std::optional<store::StoredBytes> stored = by_sha256 ? store::read_document_bytes(db, flag.source_sha256)
                                                         : store::read_latest_bytes_of_url(db, flag.source_url);
    if (!stored) continue;
    if (!by_sha256) saved.sha256_by_url_[flag.source_url] = stored->sha256;
    if (saved.hrefs_by_sha256_.count(stored->sha256)) continue;
    std::string media_type = stored->media_type.empty() ? flag.source_media_type : stored->media_type;
    std::string name = stored->sha256 + "." + source_file_extension(media_type, flag.source_url);
    if (!sources_dir) sources_dir = sources_dir_of(out_dir);
    write_file(*sources_dir / name, stored->bytes);
    saved.hrefs_by_sha256_[stored->sha256] = "sources/" + name;
  }
  return saved;
}

}  // namespace nianbao::cli
