// The audit of one report year: for every registered body, whether it published on time, late,
// not at all, or could not be checked, and the flags (with evidence) an evaluator acts on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace nianbao::store {

// The seven flags of `flags.csv`, spelled as there by to_string().
enum class AuditFlagKind {
  missing,                   // no report for the year, though the body's column was crawled after the deadline
  not_checked,               // no report, and the column could not be crawled (error, challenge, robots.txt, no seed)
  late,                      // published after the deadline for its kind of report
  wrong_format,              // the other year's layout, or a standard table / section missing
  inconsistent,              // error findings of the report's own arithmetic (一+二=三+四, row sums, 表四 totals)
  copy_paste,                // tables or narrative (nearly) identical to the same body's previous year
  edited_after_publication,  // a later fetch of the same URL returned different bytes
};

const char* to_string(AuditFlagKind kind);
// All seven, in the order above (the column order of summaries and charts).
const std::vector<AuditFlagKind>& all_audit_flag_kinds();

// One row of flags.csv. `evidence` is one readable line (URLs, dates and their source, cells,
// similarity score and threshold); `source_url` the report's URL (or file) or, for missing and
// not_checked, the column URL that was (or could not be) crawled.
struct AuditFlag {
  int64_t agency_id = 0;
  std::string agency;
  std::string region_code;
  std::string level;
  int report_year = 0;
  AuditFlagKind flag = AuditFlagKind::missing;
  std::string evidence;
  std::string source_url;
  std::optional<int64_t> report_id;
  std::string source_sha256;      // the stored document behind source_url, when one is stored
  std::string source_media_type;  // its media type (text/html, application/pdf …), for a file name
};

// Where a body stands for the year, as the overview's bar chart counts it.
enum class Timeliness { on_time, late, missing, not_checked };
const char* to_string(Timeliness timeliness);  // "on_time", "late", "missing", "not_checked"

// One registered body in the audited year.
struct AuditedBody {
  int64_t agency_id = 0;
  std::string agency, region_code, level;
  Timeliness timeliness = Timeliness::not_checked;
  std::optional<int64_t> report_id;          // its report for the year, when one is stored
  std::string source_url;                    // that report's URL or file
  std::optional<std::string> published;      // YYYY-MM-DD, the date the timeliness was judged on
  // Where that date was read, the first that gives one in this order of trust: "meta" / "printed"
  // (the report's page: its PubDate/publishdate meta, or a date printed near its title; "page" for
  // rows stored before the source was recorded), the same from the page that linked to the report
  // ("landing meta", "landing printed", "landing page": a PDF's landing page), "url" (a date in one
  // of its URLs: t20220128_, /art/2022/1/28/, /20220128/, 2022-01-28, /202201/), "first_seen" (the
  // first fetch of its bytes, else when it was first stored). Empty: no report.
  std::string published_source;
  // YYYY-MM-DD: Y+1-01-31 for a department's report, Y+1-03-31 for a government's (a 人民政府, or a
  // region_aggregate report) and for every report of 2018 or earlier (spec §2.1, audit_dates.h).
  std::string deadline;
  // 表三 一 (new requests received, t3.new_received.total) for each year the body has a report,
  // oldest first, up to and including the audited year; nullopt where the cell is null.
  std::vector<std::pair<int, std::optional<double>>> requests_by_year;
};

struct AuditQuery {
  int report_year = 0;
  std::string region_prefix;  // only bodies whose region_code starts with it; empty: all
};

struct AuditResult {
  AuditQuery query;
  std::vector<AuditedBody> bodies;  // ordered by region_code, level, agency name
  std::vector<AuditFlag> flags;     // ordered by region_code, agency, flag kind
};

// Called with (bodies done, bodies in all) while the audit runs.
using AuditProgress = std::function<void(size_t done, size_t total)>;

// Reads the registry, reports, findings, documents and fetch history of `connection` (opened
// read-only is enough) in a few bulk queries and judges every registered body valid in the year
// (agencies.since/until; region_prefix). A body's reports for the year are those linked to it,
// of a real format, in a document whose role is report ('unknown' for older rows): landing pages,
// notices and interpretations are never reports. Copies count once, and of a page edited after
// publication the earliest version is judged (the later one adds no flag of its own). Flags:
//   missing / not_checked — no report; a column (crawl seed naming the body by name or alias, or
//     the seed its other reports came from) fetched successfully after the deadline, or not
//     (evidence: the last failure, robots.txt, a crawl before the deadline, no seed);
//   late — the date (source named) after the deadline, with the days late;
//   wrong_format — not the year's format (f2019 for 2019-2020, f2021 from 2021; none checked
//     before 2019), a standard table not printed, or one of the six sections missing;
//   inconsistent — the report's own error findings (origin extract), listed, one flag per report;
//   copy_paste — against the body's report of the year before: every cell equal (not all zero),
//     or the narrative's Jaccard similarity >= kCopyPasteThreshold (audit_similarity.h);
//   edited_after_publication — a URL of the report fetched with two different bodies whose reports
//     differ (both sha256 prefixes and fetch dates, the changed cells).
// Throws StoreError naming the table when the database cannot be read.
AuditResult run_audit(Connection& connection, const AuditQuery& query, const AuditProgress& progress = {});

}  // namespace nianbao::store
