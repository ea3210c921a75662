// Building synthetic audits for the audit page's tests (bodies and flags of one report year, as
// store::run_audit would return them) and reading them back: flags.csv's spelling of each kind.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "cli/audit_page.h"
#include "store/audit.h"

namespace nianbao::testing {

// The deadline run_audit gives a body's report of `report_year`: 3月31日 of the next year for a
// government, 1月31日 for a department.
inline std::string audit_deadline(const std::string& level, int report_year) {
  return std::to_string(report_year + 1) + (level == "government" ? "-03-31" : "-01-31");
}

// A body of the audited year with its deadline; no report date, source or request values yet.
inline store::AuditedBody audited_body(int64_t id, std::string name, std::string region, std::string level,
                                       store::Timeliness timeliness, int report_year) {
  store::AuditedBody audited;
  audited.agency_id = id;
  audited.agency = std::move(name);
  audited.region_code = std::move(region);
  audited.level = std::move(level);
  audited.timeliness = timeliness;
  audited.deadline = audit_deadline(audited.level, report_year);
  return audited;
}

// Where a flag's evidence was found: the original URL, the stored copy's sha256 ("" when none was
// stored) and its media type.
struct FlagSource {
  std::string url;
  std::string sha256;
  std::string media_type;
};

// A flag on `of` for `report_year`, carrying the body's name, region and level.
inline store::AuditFlag audit_flag(const store::AuditedBody& of, int report_year, store::AuditFlagKind kind,
                                   std::string evidence, FlagSource source) {
  store::AuditFlag flag;
  flag.agency_id = of.agency_id;
  flag.agency = of.agency;
  flag.region_code = of.region_code;
  flag.level = of.level;
  flag.report_year = report_year;
  flag.flag = kind;
  flag.evidence = std::move(evidence);
  flag.source_url = std::move(source.url);
  flag.source_sha256 = std::move(source.sha256);
  flag.source_media_type = std::move(source.media_type);
  return flag;
}

// Page options whose stored copies are "sources/<sha256><extension>" (none without a sha256).
inline cli::AuditPageOptions audit_page_options(std::string title, std::string generated, std::string extension) {
  cli::AuditPageOptions options;
  options.title = std::move(title);
  options.generated = std::move(generated);
  options.stored_source_href = [extension](const store::AuditFlag& flag) {
    return flag.source_sha256.empty() ? std::string() : "sources/" + flag.source_sha256 + extension;
  };
  return options;
}

// flags.csv's spelling (issue 12), written out here so a renamed category fails the tests.
inline const char* key_of(store::Timeliness timeliness) {
  switch (timeliness) {
    case store::Timeliness::on_time: return "on_time";
    case store::Timeliness::late: return "late";
    case store::Timeliness::missing: return "missing";
    case store::Timeliness::not_checked: return "not_checked";
  }
  return "";
}

// flags.csv's spelling (issue 12), written out here so a renamed kind fails the tests.
inline const char* key_of(store::AuditFlagKind kind) {
  switch (kind) {
    case store::AuditFlagKind::missing: return "missing";
    case store::AuditFlagKind::not_checked: return "not_checked";
    case store::AuditFlagKind::late: return "late";
    case store::AuditFlagKind::wrong_format: return "wrong_format";
    case store::AuditFlagKind::inconsistent: return "inconsistent";
    case store::AuditFlagKind::copy_paste: return "copy_paste";
    case store::AuditFlagKind::edited_after_publication: return "edited_after_publication";
  }
  return "";
}

// How many flags of the kind spelled `key` the audit holds.
inline size_t flags_of_kind(const store::AuditResult& audit, const std::string& key) {
  auto of_kind = [&](const store::AuditFlag& flag) { return key_of(flag.flag) == key; };
  return static_cast<size_t>(std::count_if(audit.flags.begin(), audit.flags.end(), of_kind));
}

// How many bodies stand in the timeliness category spelled `key`.
inline size_t bodies_with(const store::AuditResult& audit, const std::string& key) {
  auto in_category = [&](const store::AuditedBody& body) { return key_of(body.timeliness) == key; };
  return static_cast<size_t>(std::count_if(audit.bodies.begin(), audit.bodies.end(), in_category));
}

}  // namespace nianbao::testing
