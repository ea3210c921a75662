// The DOCX reader: word/document.xml out of the ZIP (libzip, in memory), then its body read with
// libxml2 into text and grids. Never throws: a broken archive or XML becomes unreadable.
#include "extract/readers/docx_reader.h"

#include <exception>

#include "extract/docx/word_document.h"
#include "extract/docx/zip_archive.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

ReaderResult failure(std::string message) { return {ExtractStatus::unreadable, std::move(message), {}}; }

MappedText positional_text(const std::string& utf8) {
  MappedText text;
  text.utf8 = utf8;
  text.source_offsets.resize(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) text.source_offsets[i] = static_cast<uint32_t>(i);
  return text;
}

}  // namespace

ReaderResult read_docx_document(std::string_view bytes) {
  try {
    docx::ZipMember xml = docx::read_zip_member(bytes, "word/document.xml");
    if (!xml.ok) return failure("DOCX: " + xml.error);
    docx::WordBody body = docx::read_word_body(xml.data);
    if (!body.ok) return failure("DOCX: " + body.error);
    ReaderResult result;
    result.document.charset = "utf-8";
    result.document.text = normalize_text(positional_text(body.text));
    result.document.grids = std::move(body.grids);
    return result;
  } catch (const std::exception& error) {
    return failure(std::string("DOCX: reading failed: ") + error.what());
  } catch (...) {
    return failure("DOCX: reading failed with an unknown error");
  }
}

}  // namespace nianbao
