// libzip from memory: zip_source_buffer_create + zip_open_from_source (read-only), the member read
// in chunks up to the cap. Every libzip handle is released on every path.
#include "extract/docx/zip_archive.h"

#include <zip.h>

#include <memory>

namespace nianbao::docx {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::unique_ptr<zip_t, ArchiveCloser> open_archive(std::string_view bytes, std::string& error) {
  zip_error_t source_error;
  zip_error_init(&source_error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &source_error);
  if (!source) {
    error = zip_error_strerror(&source_error);
    zip_error_fini(&source_error);
    return nullptr;
  }
  zip_error_fini(&source_error);
  zip_error_t open_error;
  zip_error_init(&open_error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &open_error);
  if (!archive) {
    error = zip_error_strerror(&open_error);
    zip_error_fini(&open_error);
    zip_source_free(source);
    return nullptr;
  }
  zip_error_fini(&open_error);
  return std::unique_ptr<zip_t, ArchiveCloser>(archive);
}

}  // namespace

ZipMember read_zip_member(std::string_view bytes, const std::string& name, size_t max_bytes) {
  ZipMember member;
  std::string error;
  auto archive = open_archive(bytes, error);
  if (!archive) {
    member.error = "not a readable ZIP archive (" + error + ")";
    return member;
  }
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen(archive.get(), name.c_str(), 0));
  if (!file) {
    member.error = "ZIP member " + name + " cannot be opened (" + zip_strerror(archive.get()) + ")";
    return member;
  }
  char buffer[16384];
  while (true) {
    zip_int64_t read = zip_fread(file.get(), buffer, sizeof buffer);
    if (read < 0) {
      member.error = "ZIP member " + name + " is corrupt (" + zip_file_strerror(file.get()) + ")";
      member.data.clear();
      return member;
    }
    if (read == 0) break;
    if (member.data.size() + static_cast<size_t>(read) > max_bytes) {
      member.error = "ZIP member " + name + " is larger than " + std::to_string(max_bytes >> 20) + " MiB";
      member.data.clear();
      return member;
    }
    member.data.append(buffer, static_cast<size_t>(read));
  }
  member.ok = true;
  return member;
}

}  // namespace nianbao::docx
