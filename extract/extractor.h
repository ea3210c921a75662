// The extractor's one entry point: the bytes of a document in, the reports it holds out.
// Pure: no network, no SQLite, no files. Readers for each media type feed the same recognizer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

// Bumped whenever a change can alter what is extracted from the same bytes; stored with reports.
inline constexpr const char* kExtractorVersion = "0.3.0";

struct DocumentInput {
  std::string_view bytes;
  std::string origin;        // file path or URL, used in messages only
  std::string charset_hint;  // e.g. from an HTTP Content-Type header; empty when unknown
};

enum class ExtractStatus {
  ok,           // read; `role` says what the document is, `reports` holds its report when it is one
  unreadable,   // empty, binary garbage, or text that does not decode
  unsupported,  // a known media type nianbao cannot read (old binary .doc/.wps)
  needs_ocr,    // a PDF without a text layer
};

const char* to_string(ExtractStatus status);

// What a document is, whatever numbers it prints. Only `report` documents produce reports; the
// others are kept (byte-exact, with their title and date) so an audit can see them.
enum class DocumentRole {
  report,          // a 政府信息公开工作年度报告 (any format, any year)
  landing,         // a page whose report is an attachment it links to (its date dates the report)
  notice,          // instructions about reports: 通知, 函, 要点 on compiling or publishing them
  interpretation,  // 解读 / 图解 of a report
  other,           // anything else (a list page, an unrelated article)
};

const char* to_string(DocumentRole role);

// Where a publication date was read: the page's PubDate/publishdate meta, or a date printed on
// the page (发布日期 …). Empty when the document gives none.
inline constexpr const char* kPublishedFromMeta = "meta";
inline constexpr const char* kPublishedFromPrinted = "printed";

struct Extraction {
  ExtractStatus status = ExtractStatus::ok;
  std::string media_type;  // detected from magic bytes: text/plain, text/html, application/pdf …
  std::string charset;     // the charset the text was decoded from
  std::string message;     // for a status other than ok: what failed, naming the origin
  DocumentRole role = DocumentRole::report;  // meaningful when status is ok
  std::string title;                         // the document's own title, whatever its role
  std::optional<std::string> published;      // YYYY-MM-DD, where the document carries it
  std::string published_source;              // kPublishedFromMeta, kPublishedFromPrinted or empty
  std::vector<Report> reports;               // empty unless role is report
};

Extraction extract_document(const DocumentInput& input);

}  // namespace nianbao
