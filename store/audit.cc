// run_audit: loads the registry, reports, findings and crawl history of one report year in bulk and
// judges every registered body (timeliness, flags with evidence). See audit.h and the audit_* files.
#include "store/audit.h"


#include <algorithm>
#include <cstdio>
#include <set>

#include "common/number_text.h"
#include "store/audit_choice.h"
#include "store/audit_columns.h"
#include "store/audit_dates.h"
#include "store/audit_edits.h"
#include "store/audit_format.h"
#include "store/audit_registry.h"
#include "store/audit_reports.h"
#include "store/audit_similarity.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

struct AuditInputs {
  Session* db = nullptr;
  std::vector<RegisteredBody> bodies;
  AuditReports reports;
  FetchHistory history;
  std::map<int64_t, std::vector<CrawlColumn>> columns;
  std::map<int64_t, std::vector<std::pair<int, std::optional<double>>>> requests;
  std::map<std::pair<int64_t, int>, std::vector<const AuditReport*>> by_body_year;
};

AuditInputs load_inputs(Session& db, const AuditQuery& query) {
  AuditInputs inputs;
  inputs.db = &db;
  inputs.bodies = bodies_valid_in(db, query.report_year, query.region_prefix);
  inputs.reports = load_audit_reports(db, query.report_year - 1, query.report_year);
  inputs.history = load_fetch_history(db);
  inputs.columns = load_body_columns(db, load_agency_keys(db));
  inputs.requests = load_requests_by_year(db, query.report_year);
  for (const AuditReport& report : inputs.reports.reports) {
    inputs.by_body_year[{report.agency_id, report.year}].push_back(&report);
  }
  return inputs;
}

// "null" for a blank cell, as the evidence prints it.
std::string optional_number_text(const std::optional<double>& value) { return value ? number_text(*value) : "null"; }

std::string score_text(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

bool is_web_url(const std::string& text) { return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0; }

// The report's URL: the document's origin when it is a web address, else the first crawled or
// recorded web origin, else the origin as it is (a file path).
std::string report_url(const AuditReport& report, const FetchHistory& history) {
  if (is_web_url(report.document_origin)) return report.document_origin;
  auto crawled = history.urls_by_sha256.find(report.sha256);
  if (crawled != history.urls_by_sha256.end() && !crawled->second.empty()) return crawled->second.front();
  for (const std::string& origin : report.origins) {
    if (is_web_url(origin)) return origin;
  }
  return report.document_origin;
}

// The dated sources of a report, in order of trust (audit.h, AuditedBody::published_source).
std::vector<DatedSource> dated_sources(const AuditReport& report, const FetchHistory& history) {
  std::vector<DatedSource> sources;
  std::string url = report_url(report, history);
  if (report.published) sources.push_back({report.published_source.value_or("page"), *report.published, url});
  if (report.document_published)
    sources.push_back({report.document_published_source.value_or("page"), *report.document_published, url});
  if (auto landing = history.landing_by_sha256.find(report.sha256); landing != history.landing_by_sha256.end()) {
    const LandingDate& page = landing->second;
    sources.push_back({"landing " + (page.source.empty() ? std::string("page") : page.source), page.published, page.url});
  }
  std::vector<std::string> urls;
  if (auto crawled = history.urls_by_sha256.find(report.sha256); crawled != history.urls_by_sha256.end()) urls = crawled->second;
  urls.insert(urls.end(), report.origins.begin(), report.origins.end());
  urls.push_back(report.document_origin);
  for (const std::string& candidate : urls) {
    if (auto date = date_in_url(candidate)) sources.push_back({"url", *date, candidate});
  }
  auto fetched = history.first_fetched_by_sha256.find(report.sha256);
  if (fetched != history.first_fetched_by_sha256.end()) {
    sources.push_back({"first_seen", fetched->second, "first fetched by the crawler"});
  } else if (!report.first_seen_at.empty()) {
    sources.push_back({"first_seen", report.first_seen_at, "first stored"});
  }
  return sources;
}

// The judging of one body: its AuditedBody and its flags.
class BodyJudge {
 public:
  BodyJudge(const AuditInputs& inputs, const RegisteredBody& body, int year, std::vector<AuditFlag>& flags)
      : inputs_(inputs), body_(body), year_(year), flags_(flags) {}

  AuditedBody judge() {
    AuditedBody audited;
    audited.agency_id = body_.id;
    audited.agency = body_.name;
    audited.region_code = body_.region_code;
    audited.level = body_.level;
    if (auto series = inputs_.requests.find(body_.id); series != inputs_.requests.end()) audited.requests_by_year = series->second;
    bool government = is_government_name(body_.name);
    ChosenReports chosen = choose_reports(reports_of(year_), inputs_.history, government);
    if (chosen.judged.empty()) {
      judge_absence(audited, government);
      return audited;
    }
    const AuditReport& main = *chosen.judged.front();
    judge_timeliness(audited, main, government || main.scope == "region_aggregate");
    for (const AuditReport* report : chosen.judged) judge_content(*report);
    judge_edits(chosen);
    return audited;
  }

 private:
  std::vector<const AuditReport*> reports_of(int year) const {
    auto found = inputs_.by_body_year.find({body_.id, year});
    return found == inputs_.by_body_year.end() ? std::vector<const AuditReport*>{} : found->second;
  }

  AuditFlag& add_flag(AuditFlagKind kind, std::string evidence, std::string source_url) {
    AuditFlag flag;
    flag.agency_id = body_.id;
    flag.agency = body_.name;
    flag.region_code = body_.region_code;
    flag.level = body_.level;
    flag.report_year = year_;
    flag.flag = kind;
    flag.evidence = std::move(evidence);
    flag.source_url = std::move(source_url);
    flags_.push_back(std::move(flag));
    return flags_.back();
  }

  AuditFlag& add_report_flag(AuditFlagKind kind, const AuditReport& report, std::string evidence) {
    AuditFlag& flag = add_flag(kind, std::move(evidence), report_url(report, inputs_.history));
    flag.report_id = report.id;
    flag.source_sha256 = report.sha256;
    flag.source_media_type = report.media_type;
    return flag;
  }

  void judge_absence(AuditedBody& audited, bool government) {
    audited.deadline = audit_deadline(year_, government);
    static const std::vector<CrawlColumn> no_columns;
    auto columns = inputs_.columns.find(body_.id);
    ColumnVerdict verdict =
        judge_columns(columns == inputs_.columns.end() ? no_columns : columns->second, audited.deadline, year_);
    audited.timeliness = verdict.crawled_after_deadline ? Timeliness::missing : Timeliness::not_checked;
    AuditFlag& flag = add_flag(verdict.crawled_after_deadline ? AuditFlagKind::missing : AuditFlagKind::not_checked,
                               verdict.evidence, verdict.column ? verdict.column->url : "");
    if (verdict.column && !verdict.column->content_sha256.empty() && !verdict.column->media_type.empty()) {
      flag.source_sha256 = verdict.column->content_sha256;
      flag.source_media_type = verdict.column->media_type;
    }
    if (verdict.column) audited.source_url = verdict.column->url;
  }

  void judge_timeliness(AuditedBody& audited, const AuditReport& report, bool government_report) {
    audited.report_id = report.id;
    audited.source_url = report_url(report, inputs_.history);
    audited.deadline = audit_deadline(year_, government_report);
    std::optional<DatedSource> date = choose_publication_date(dated_sources(report, inputs_.history));
    if (!date) {
      // Every stored document has a first_seen date, so only rows written by hand get here: the
      // timeliness cannot be judged and stays not_checked (no flag: the report is there).
      audited.timeliness = Timeliness::not_checked;
      return;
    }
    audited.published = date->date;
    audited.published_source = date->source;
    audited.timeliness = date->date > audited.deadline ? Timeliness::late : Timeliness::on_time;
    if (audited.timeliness != Timeliness::late) return;
    add_report_flag(AuditFlagKind::late, report,
                    "published " + date->date + " (source: " + date->source + ", " + date->where + "); deadline " +
                        audited.deadline + " (" + (government_report ? "a government's report" : "a department's report") +
                        "); " + std::to_string(days_between(audited.deadline, date->date)) + " days late");
  }

  void judge_content(const AuditReport& report) {
    judge_format(report);
    judge_arithmetic(report);
    judge_copy(report);
  }

  void judge_format(const AuditReport& report) {
    std::optional<std::string> expected = expected_format(year_);
    if (!expected) return;
    std::vector<std::string> problems;
    if (report.format != *expected)
      problems.push_back("format " + report.format + " where a " + std::to_string(year_) + " report must use " + *expected);
    if (auto tables = inputs_.reports.missing_tables.find(report.id); tables != inputs_.reports.missing_tables.end()) {
      for (const AuditFinding& finding : tables->second) problems.push_back(finding.message);
    }
    const std::vector<std::string>& sections = report.missing_sections;
    if (!sections.empty()) {
      std::string list;
      for (const std::string& heading : sections) list += (list.empty() ? "" : "、") + heading;
      problems.push_back("section" + std::string(sections.size() > 1 ? "s" : "") + " missing: " + list);
    }
    if (problems.empty()) return;
    std::string evidence;
    for (const std::string& problem : problems) evidence += (evidence.empty() ? "" : "; ") + problem;
    add_report_flag(AuditFlagKind::wrong_format, report, evidence);
  }

  void judge_arithmetic(const AuditReport& report) {
    auto errors = inputs_.reports.errors.find(report.id);
    if (errors == inputs_.reports.errors.end() || errors->second.empty()) return;
    std::string evidence = std::to_string(errors->second.size()) + " error finding" +
                           (errors->second.size() > 1 ? "s" : "") + " of the report's own arithmetic: ";
    for (size_t i = 0; i < errors->second.size(); ++i) {
      const AuditFinding& finding = errors->second[i];
      evidence += (i ? "; " : "") + finding.rule + " " + finding.message;
      if (!finding.first_cell.empty()) {
        evidence += " (cell " + finding.first_cell;
        if (finding.cell_count > 1) evidence += " and " + std::to_string(finding.cell_count - 1) + " more";
        evidence += ")";
      }
      if (finding.expected || finding.actual)
        evidence += ": expected " + optional_number_text(finding.expected) + ", actual " + optional_number_text(finding.actual);
    }
    add_report_flag(AuditFlagKind::inconsistent, report, evidence);
  }

  const AuditReport* previous_report(const AuditReport& report) const {
    ChosenReports previous = choose_reports(reports_of(year_ - 1), inputs_.history, is_government_name(body_.name));
    for (const AuditReport* candidate : previous.judged) {
      if (candidate->scope == report.scope) return candidate;
    }
    return previous.judged.empty() ? nullptr : previous.judged.front();
  }

  // Every cell equal on the same key set, and not all zero (or null).
  static bool same_tables(const CellDigest& current, const CellDigest& previous) {
    return current.count > 0 && current == previous && current.any_nonzero;
  }

  // The exact similarity of two narratives, read again from the store: only for the pairs whose
  // sketches come near the threshold (a sketch estimates within about ±0.1 at k = 128).
  std::optional<double> narrative_similarity(const AuditReport& report, const AuditReport& previous) const {
    constexpr double kSketchMargin = 0.2;
    if (report.narrative_shingles < kMinimumNarrativeShingles || previous.narrative_shingles < kMinimumNarrativeShingles)
      return std::nullopt;
    if (sketch_similarity(report.sketch, previous.sketch) < kCopyPasteThreshold - kSketchMargin) return std::nullopt;
    return jaccard_similarity(text_shingles(narrative_text(load_report_text(*inputs_.db, report.id))),
                              text_shingles(narrative_text(load_report_text(*inputs_.db, previous.id))));
  }

  void judge_copy(const AuditReport& report) {
    const AuditReport* previous = previous_report(report);
    if (!previous) return;
    std::string previous_label = "the " + std::to_string(previous->year) + " report (" + report_url(*previous, inputs_.history) + ")";
    if (same_tables(report.cells, previous->cells)) {
      add_report_flag(AuditFlagKind::copy_paste, report,
                      "all " + std::to_string(report.cells.count) + " cells equal to " + previous_label);
      return;
    }
    std::optional<double> score = narrative_similarity(report, *previous);
    if (!score || *score < kCopyPasteThreshold) return;
    add_report_flag(AuditFlagKind::copy_paste, report,
                    "narrative nearly identical to " + previous_label + ": similarity " + score_text(*score) +
                        " >= threshold " + score_text(kCopyPasteThreshold) + " (Jaccard of character " +
                        std::to_string(kShingleLength) + "-shingles, text without table rows and digits)");
  }

  std::string version_list(const std::vector<UrlVersion>& versions) const {
    std::string text;
    for (size_t i = 0; i < versions.size(); ++i) {
      text += (i ? ", then " : "") + std::string("sha256 ") + versions[i].sha256.substr(0, 12) + " fetched " +
              versions[i].first_fetched_at.substr(0, 10);
    }
    return text;
  }

  // The cells two versions disagree on, `key: old → new`, at most kListedDifferences of them.
  std::string differing_cells(const AuditReport& earlier, const AuditReport& later) const {
    constexpr size_t kListedDifferences = 12;
    ReportCells old_cells = load_report_cells(*inputs_.db, earlier.id);
    ReportCells new_cells = load_report_cells(*inputs_.db, later.id);
    std::set<std::string> keys;
    for (const auto& [key, value] : old_cells) keys.insert(key);
    for (const auto& [key, value] : new_cells) keys.insert(key);
    std::vector<std::string> differences;
    for (const std::string& key : keys) {
      auto old_cell = old_cells.find(key);
      auto new_cell = new_cells.find(key);
      std::optional<double> old_value = old_cell == old_cells.end() ? std::nullopt : old_cell->second;
      std::optional<double> new_value = new_cell == new_cells.end() ? std::nullopt : new_cell->second;
      if (old_value == new_value) continue;
      differences.push_back(key + ": " + optional_number_text(old_value) + " → " + optional_number_text(new_value));
    }
    if (differences.empty()) return "the cells are the same, the text differs";
    std::string text = "cells differ: ";
    for (size_t i = 0; i < differences.size() && i < kListedDifferences; ++i) text += (i ? "; " : "") + differences[i];
    if (differences.size() > kListedDifferences)
      text += "; and " + std::to_string(differences.size() - kListedDifferences) + " more";
    return text;
  }

  static bool serves(const std::vector<UrlVersion>& versions, const std::string& sha256) {
    return std::any_of(versions.begin(), versions.end(), [&](const UrlVersion& version) { return version.sha256 == sha256; });
  }

  // Two versions whose reports have the same text and cells differ only in page furniture (a
  // visit counter, a session token): the report was not edited.
  bool same_report(const AuditReport& earlier, const AuditReport& later) const {
    return earlier.cells == later.cells && load_report_text(*inputs_.db, earlier.id) == load_report_text(*inputs_.db, later.id);
  }

  void judge_edits(const ChosenReports& chosen) {
    for (const std::string& url : chosen.edited_urls) {
      const std::vector<UrlVersion>& versions = inputs_.history.versions_by_url.at(url);
      std::string evidence = url + " changed after publication: " + version_list(versions);
      const AuditReport* earliest = nullptr;
      bool content_changed = false;
      for (const auto& [later, earlier] : chosen.later_versions) {
        if (!serves(versions, later->sha256) || !serves(versions, earlier->sha256)) continue;
        if (!earliest) earliest = earlier;
        if (same_report(*earlier, *later)) continue;
        content_changed = true;
        evidence += "; " + differing_cells(*earlier, *later);
      }
      if (earliest && !content_changed) continue;
      if (!earliest) {
        evidence += "; only one version was read as a report";
        earliest = chosen.judged.front();
      }
      AuditFlag& flag = add_report_flag(AuditFlagKind::edited_after_publication, *earliest, evidence);
      flag.source_url = url;
    }
  }

  static constexpr size_t kMinimumNarrativeShingles = 50;

  const AuditInputs& inputs_;
  const RegisteredBody& body_;
  int year_;
  std::vector<AuditFlag>& flags_;
};

}  // namespace

const char* to_string(AuditFlagKind kind) {
  switch (kind) {
    case AuditFlagKind::missing: return "missing";
    case AuditFlagKind::not_checked: return "not_checked";
    case AuditFlagKind::late: return "late";
    case AuditFlagKind::wrong_format: return "wrong_format";
    case AuditFlagKind::inconsistent: return "inconsistent";
    case AuditFlagKind::copy_paste: return "copy_paste";
    case AuditFlagKind::edited_after_publication: return "edited_after_publication";
  }
  return "missing";
}

const std::vector<AuditFlagKind>& all_audit_flag_kinds() {
  static const std::vector<AuditFlagKind> kinds = {
      AuditFlagKind::missing,      AuditFlagKind::not_checked,  AuditFlagKind::late,
      AuditFlagKind::wrong_format, AuditFlagKind::inconsistent, AuditFlagKind::copy_paste,
      AuditFlagKind::edited_after_publication,
  };
  return kinds;
}

const char* to_string(Timeliness timeliness) {
  switch (timeliness) {
    case Timeliness::on_time: return "on_time";
    case Timeliness::late: return "late";
    case Timeliness::missing: return "missing";
    case Timeliness::not_checked: return "not_checked";
  }
  return "not_checked";
}

AuditResult run_audit(Connection& connection, const AuditQuery& query, const AuditProgress& progress) {
  Session& db = connection.handle();
  AuditInputs inputs = load_inputs(db, query);
  AuditResult result;
  result.query = query;
  size_t total = inputs.bodies.size();
  if (progress) progress(0, total);
  for (size_t index = 0; index < total; ++index) {
    BodyJudge judge(inputs, inputs.bodies[index], query.report_year, result.flags);
    result.bodies.push_back(judge.judge());
    if (progress) progress(index + 1, total);
  }
  std::stable_sort(result.flags.begin(), result.flags.end(), [](const AuditFlag& a, const AuditFlag& b) {
    return std::tie(a.region_code, a.agency, a.agency_id, a.flag) < std::tie(b.region_code, b.agency, b.agency_id, b.flag);
  });
  return result;
}

}  // namespace nianbao::store
