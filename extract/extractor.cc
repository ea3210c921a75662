// extract_document: sniff the media type, pick the reader, classify the document and build its
// report. Every failure becomes a status with a message naming the origin; nothing here throws.
#include "extract/extractor.h"

#include <exception>

#include "extract/media_type.h"
#include "extract/pre2019/pre_statistics.h"
#include "extract/readers/docx_reader.h"
#include "extract/readers/html_reader.h"
#include "extract/readers/pdf_reader.h"
#include "extract/readers/text_reader.h"
#include "extract/recognize/document_role.h"
#include "extract/report_builder.h"
#include "common/text/decode.h"

namespace nianbao {
namespace {

Extraction failed(ExtractStatus status, const std::string& media_type, const std::string& message) {
  Extraction extraction;
  extraction.status = status;
  extraction.media_type = media_type;
  extraction.message = message;
  return extraction;
}

int stated_cells(const Report& report) {
  int stated = 0;
  for (const auto& [key, cell] : report.cells) {
    if (cell.value) ++stated;
  }
  return stated;
}

// The document's own title: the reader's (ArticleTitle, <title>), else the one a text dump labels
// (标题: …), else the report title the metadata found, else the first heading.
std::string document_title(const ReadDocument& document, const Report& report) {
  size_t first = document.title.find_first_not_of(" \t\r\n");
  if (first != std::string::npos) return document.title.substr(first, document.title.find_last_not_of(" \t\r\n") - first + 1);
  std::string labelled = labelled_title(document.text.utf8);
  if (!labelled.empty()) return labelled;
  if (!report.title.empty()) return report.title;
  return first_heading(document.text.utf8);
}

// The pre.* cells of a pre-2019 report (spec §9.3) and the warnings for fused runs left unsplit;
// a key the builder already stored is kept.
void add_pre_statistics(const ReadDocument& document, Report& report) {
  PreStatistics statistics = read_pre_statistics(document.text);
  for (auto& [key, cell] : statistics.cells) report.cells.emplace(key, std::move(cell));
  for (Finding& finding : statistics.findings) report.findings.push_back(std::move(finding));
}

// Role, title and date of an ok document; its report only when it is one.
Extraction classified(const ReadDocument& document, const std::string& media_type) {
  Extraction extraction;
  extraction.media_type = media_type;
  extraction.charset = document.charset;
  BuiltReport built = build_report_with_evidence(document);
  RoleEvidence evidence{document.title, &document.text.utf8, built.printed_format, stated_cells(built.report),
                        &document.links};
  extraction.role = classify_document(evidence);
  extraction.title = document_title(document, built.report);
  extraction.published = document.published;
  extraction.published_source = document.published_source;
  if (extraction.role != DocumentRole::report) return extraction;
  // A report the vocabulary did not recognize (its title named it) is a pre-2019 report.
  if (built.report.format == Format::not_a_report) built.report.format = Format::pre2019;
  // Its §9.3 statistics are read only now, so they never sway the role or the format.
  if (built.report.format == Format::pre2019) add_pre_statistics(document, built.report);
  extraction.reports.push_back(std::move(built.report));
  return extraction;
}

Extraction extract_text(const DocumentInput& input, const std::string& media_type) {
  DecodedText decoded = decode_to_utf8(input.bytes, input.charset_hint);
  if (looks_binary(decoded)) {
    return failed(ExtractStatus::unreadable, media_type,
                  input.origin + ": not text (binary content; no charset decodes it)");
  }
  ReadDocument document = read_text_document(decoded);
  return classified(document, media_type);
}

Extraction extract_with(const ReaderResult& read, const DocumentInput& input, const std::string& media_type) {
  if (read.status != ExtractStatus::ok) return failed(read.status, media_type, input.origin + ": " + read.message);
  return classified(read.document, media_type);
}

}  // namespace

const char* to_string(ExtractStatus status) {
  switch (status) {
    case ExtractStatus::ok: return "ok";
    case ExtractStatus::unreadable: return "unreadable";
    case ExtractStatus::unsupported: return "unsupported";
    case ExtractStatus::needs_ocr: return "needs_ocr";
  }
  return "unreadable";
}

const char* to_string(DocumentRole role) {
  switch (role) {
    case DocumentRole::report: return "report";
    case DocumentRole::landing: return "landing";
    case DocumentRole::notice: return "notice";
    case DocumentRole::interpretation: return "interpretation";
    case DocumentRole::other: return "other";
  }
  return "other";
}

Extraction extract_document(const DocumentInput& input) {
  std::string media_type = detect_media_type(input.bytes);
  try {
    if (media_type == kMediaEmpty) {
      return failed(ExtractStatus::unreadable, media_type, input.origin + ": empty document (0 bytes)");
    }
    if (media_type == kMediaOle) {
      return failed(ExtractStatus::unsupported, media_type,
                    input.origin + ": old binary Word/WPS document (.doc/.wps); save it as DOCX or PDF");
    }
    if (media_type == kMediaText) return extract_text(input, media_type);
    if (media_type == kMediaHtml) return extract_with(read_html_document(input.bytes, input.charset_hint), input, media_type);
    if (media_type == kMediaPdf) return extract_with(read_pdf_document(input.bytes), input, media_type);
    if (media_type == kMediaDocx) return extract_with(read_docx_document(input.bytes), input, media_type);
    return failed(ExtractStatus::unsupported, media_type,
                  input.origin + ": no reader for " + media_type + " yet");
  } catch (const std::exception& error) {
    return failed(ExtractStatus::unreadable, media_type, input.origin + ": " + error.what());
  }
}

}  // namespace nianbao
