// The audit as a static page people read: overview per region and level, a bar chart of on time /
// late / missing / not checked, every flag with its evidence and source links, sparklines per body.
#pragma once

#include <functional>
#include <string>

#include "store/audit.h"

namespace nianbao::cli {

struct AuditPageOptions {
  std::string title;      // e.g. "政府信息公开工作年度报告 audit, report year 2022"
  std::string generated;  // when and from which database, printed in the footer
  // The href of the stored copy of a flag's source (e.g. "sources/<sha256>.pdf", relative to the
  // page), or "" when none was saved. The original URL is always linked beside it.
  std::function<std::string(const store::AuditFlag&)> stored_source_href;
};

// Self-contained HTML5 (UTF-8, inline CSS, inline SVG drawn here, no script needed, nothing loaded
// from the network): it works from a file:// URL. Every text is HTML-escaped.
std::string render_audit_page(const store::AuditResult& audit, const AuditPageOptions& options);

}  // namespace nianbao::cli
