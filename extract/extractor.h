// The extractor's one entry point: the bytes of a document in, the reports it holds out.
// Pure: no network, no SQLite, no files. Readers for each media type feed the same recognizer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

// Bumped whenever a change can alter what is extracted from the same bytes; stored with reports.
inline constexpr const char* kExtractorVersion = "0.1.0";

struct DocumentInput {
  std::string_view bytes;
  std::string origin;        // file path or URL, used in messages only
  std::string charset_hint;  // e.g. from an HTTP Content-Type header; empty when unknown
};

enum class ExtractStatus {
  ok,           // read; `reports` holds what was found (possibly a not_a_report record)
  unreadable,   // empty, binary garbage, or text that does not decode
  unsupported,  // a known media type nianbao cannot read (old binary .doc/.wps)
  needs_ocr,    // a PDF without a text layer
};

const char* to_string(ExtractStatus status);

struct Extraction {
  ExtractStatus status = ExtractStatus::ok;
  std::string media_type;  // detected from magic bytes: text/plain, text/html, application/pdf …
  std::string charset;     // the charset the text was decoded from
  std::string message;     // for a status other than ok: what failed, naming the origin
  std::vector<Report> reports;
};

Extraction extract_document(const DocumentInput& input);

}  // namespace nianbao
