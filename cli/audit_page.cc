// The audit page: one self-contained HTML5 document (inline CSS and SVG, no script) with the
// summary, the chart, the overview per region and level, the flags by kind, and the bodies.
#include "cli/audit_page.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "cli/audit_svg.h"
#include "cli/html_escape.h"
#include "common/number_text.h"

namespace nianbao::cli {
namespace {

using store::AuditedBody;
using store::AuditFlag;
using store::AuditFlagKind;
using store::AuditResult;
using store::Timeliness;

// What the reader sees for each category; data attributes and anchors use store::to_string's
// spelling (that of flags.csv).
struct TimelinessText {
  Timeliness timeliness;
  const char* label;
  const char* color;
};

constexpr std::array<TimelinessText, 4> timeliness_texts{{
    {Timeliness::on_time, "On time 按时发布", "#2e7d32"},
    {Timeliness::late, "Late 逾期发布", "#e07b00"},
    {Timeliness::missing, "Missing 未发布", "#c62828"},
    {Timeliness::not_checked, "Not checked 未能核查", "#7a7a7a"},
}};

struct FlagText {
  AuditFlagKind kind;
  const char* label;
  const char* meaning;
};

// In the order of store::all_audit_flag_kinds().
constexpr std::array<FlagText, 7> flag_texts{{
    {AuditFlagKind::missing, "Missing 未发布",
     "No report for the year, although the body's portal column was crawled successfully after the deadline."},
    {AuditFlagKind::not_checked, "Not checked 未能核查",
     "No report, and the body's column could not be crawled (error, challenge page, robots.txt, or no crawl seed "
     "names the body). Never counted as missing."},
    {AuditFlagKind::late, "Late 逾期发布",
     "Published after the deadline: 1月31日 of the next year for a department's report, 3月31日 for a "
     "government's report (条例 art. 49). The evidence names where the date comes from: the page's meta, the date "
     "printed on it, the date in the URL, or the first time nianbao saw it."},
    {AuditFlagKind::wrong_format, "Wrong format 格式不符",
     "A report in the other year's layout (2019 format from 2021 on, or the reverse), or a standard table or one "
     "of the six sections missing."},
    {AuditFlagKind::inconsistent, "Inconsistent 数据不一致",
     "The report's own arithmetic fails: 一+二=三+四, row sums, 表四 totals. The evidence counts the findings."},
    {AuditFlagKind::copy_paste, "Copy of last year 照搬上年",
     "Tables identical to the same body's previous report (all cells equal, not all zero), or narrative text "
     "nearly identical; the similarity score and threshold are in the evidence."},
    {AuditFlagKind::edited_after_publication, "Edited after publication 发布后修改",
     "A later fetch of the same URL returned different bytes; both versions are kept and differing cells listed."},
}};

const TimelinessText& text_of(Timeliness timeliness) {
  for (const auto& text : timeliness_texts) {
    if (text.timeliness == timeliness) return text;
  }
  return timeliness_texts.back();
}

const FlagText& text_of(AuditFlagKind kind) {
  for (const auto& text : flag_texts) {
    if (text.kind == kind) return text;
  }
  return flag_texts.front();
}

std::string cell(const std::string& escaped_html, const char* css_class = nullptr) {
  return css_class ? "<td class=\"" + std::string(css_class) + "\">" + escaped_html + "</td>"
                   : "<td>" + escaped_html + "</td>";
}

std::string number_cell(size_t count) { return cell(std::to_string(count), "num"); }

std::string header_cell(const std::string& text, const char* css_class = nullptr) {
  return css_class ? "<th scope=\"col\" class=\"" + std::string(css_class) + "\">" + html_escape(text) + "</th>"
                   : "<th scope=\"col\">" + html_escape(text) + "</th>";
}

std::string body_anchor(const AuditedBody& body) { return "body-" + std::to_string(body.agency_id); }
std::string body_anchor(const AuditFlag& flag) { return "body-" + std::to_string(flag.agency_id); }

// The flags' row ids and, per body, which flags are its own (indexes into AuditResult::flags).
struct FlagIndex {
  std::vector<std::string> anchors;
  std::map<int64_t, std::vector<size_t>> flags_of_body;
};

// Every flag row's id is "flag-<agency id>-<flag>", with "-2", "-3" … should a body carry a kind twice.
FlagIndex index_flags(const std::vector<AuditFlag>& flags) {
  FlagIndex index;
  std::set<std::string> used;
  for (size_t i = 0; i < flags.size(); ++i) {
    std::string base = "flag-" + std::to_string(flags[i].agency_id) + "-" + store::to_string(flags[i].flag);
    std::string anchor = base;
    for (int n = 2; used.count(anchor); ++n) anchor = base + "-" + std::to_string(n);
    used.insert(anchor);
    index.anchors.push_back(anchor);
    index.flags_of_body[flags[i].agency_id].push_back(i);
  }
  return index;
}

constexpr const char* stylesheet = R"css(
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
       "WenQuanYi Micro Hei", "Noto Sans", sans-serif;
       margin: 1.5rem auto; max-width: 1180px; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; font-size: 14px; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1f4e79; padding-bottom: .15rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .2rem; }
p.scope, p.meaning, p.note { color: #444; margin: .2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: #eef2f7; }
tfoot td { font-weight: bold; background: #f7f7f7; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.code, td.spark { white-space: nowrap; }
table.flags { table-layout: fixed; }
table.flags col.anchor { width: 2.2rem; } table.flags col.body { width: 19%; } table.flags col.code { width: 8%; }
table.flags col.evidence { width: auto; } table.flags col.links { width: 27%; }
figure { margin: .5rem 0; }
.zero { color: #aaa; }
tr:target { background: #fff6cc; outline: 2px solid #f0b400; }
td.evidence { word-break: break-word; }
.url { word-break: break-all; font-size: .85em; }
.links a { display: block; }
.chip { display: inline-block; padding: 0 .5rem; border-radius: .7rem; color: #fff; font-size: .85em;
        white-space: nowrap; }
.chip.on_time { background: #2e7d32; } .chip.late { background: #e07b00; }
.chip.missing { background: #c62828; } .chip.not_checked { background: #7a7a7a; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .4rem 0; }
ul.counts b { font-size: 1.15em; }
.bar-chart { max-width: 100%; height: auto; }
.bar-chart text { font-size: 14px; fill: #1a1a1a; }
.sparkline { vertical-align: middle; }
.spark-last { margin-left: .4rem; font-variant-numeric: tabular-nums; }
a { color: #1f4e79; }
footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #ccc; color: #666; font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  a { color: inherit; text-decoration: none; }
  tr, .bar-chart, .sparkline { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .chip { color: #000; background: none !important; border: 1px solid #000; }
  tr:target { outline: none; background: none; }
}
)css";

// The page promises to load nothing: the browser enforces it, and reports any attempt as a
// console error (which the browser test looks for).
constexpr const char* content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

std::string head(const std::string& title) {
  return "<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(content_security_policy) +
         "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"nianbao audit\">\n<title>" +
         html_escape(title) + "</title>\n<style>" + stylesheet + "</style>\n</head>\n";
}

std::string page_title(const AuditResult& audit, const AuditPageOptions& options) {
  if (!options.title.empty()) return options.title;
  return "政府信息公开工作年度报告 audit, report year " + std::to_string(audit.query.report_year);
}

std::map<Timeliness, size_t> bodies_by_timeliness(const std::vector<AuditedBody>& bodies) {
  std::map<Timeliness, size_t> counts;
  for (const AuditedBody& body : bodies) ++counts[body.timeliness];
  return counts;
}

std::map<AuditFlagKind, size_t> flags_by_kind(const std::vector<AuditFlag>& flags) {
  std::map<AuditFlagKind, size_t> counts;
  for (const AuditFlag& flag : flags) ++counts[flag.flag];
  return counts;
}

std::string scope_line(const AuditResult& audit) {
  std::string scope = "Report year " + std::to_string(audit.query.report_year);
  scope += audit.query.region_prefix.empty() ? ", all regions" : ", regions " + audit.query.region_prefix + "…";
  return "<p class=\"scope\">" + html_escape(scope) + "; " + std::to_string(audit.bodies.size()) +
         " registered bodies 应报告机关, " + std::to_string(audit.flags.size()) + " flags.</p>\n";
}

std::string summary_section(const AuditResult& audit) {
  auto timeliness_counts = bodies_by_timeliness(audit.bodies);
  auto flag_counts = flags_by_kind(audit.flags);
  std::string html =
      "<section id=\"summary\">\n<h2>Summary 概要</h2>\n<p>Bodies by timeliness:</p>\n<ul class=\"counts\">";
  for (const auto& text : timeliness_texts) {
    std::string key = store::to_string(text.timeliness);
    html += "<li data-category=\"" + key + "\"><span class=\"chip " + key + "\">" + html_escape(text.label) +
            "</span> <b>" + std::to_string(timeliness_counts[text.timeliness]) + "</b></li>";
  }
  html += "</ul>\n<p>Flags by kind (each links to its list):</p>\n<ul class=\"counts\">";
  for (const auto& text : flag_texts) {
    std::string key = store::to_string(text.kind);
    html += "<li data-flag=\"" + key + "\"><a href=\"#flags-" + key + "\">" + html_escape(text.label) + "</a> <b>" +
            std::to_string(flag_counts[text.kind]) + "</b></li>";
  }
  return html + "</ul>\n</section>\n";
}

std::string chart_section(const AuditResult& audit) {
  auto counts = bodies_by_timeliness(audit.bodies);
  std::vector<ChartBar> bars;
  for (const auto& text : timeliness_texts) {
    bars.push_back({store::to_string(text.timeliness), text.label, text.color, counts[text.timeliness]});
  }
  std::string caption = "Registered bodies by timeliness, report year " + std::to_string(audit.query.report_year);
  return "<section id=\"chart\">\n<h2>Timeliness 按时发布情况</h2>\n<figure>" + bar_chart_svg(bars, caption) +
         "<figcaption class=\"note\">" + html_escape(caption) +
         ". Deadlines: a department's report by 1月31日, a government's report by 3月31日 of the next year "
         "(条例 art. 49).</figcaption></figure>\n</section>\n";
}

struct OverviewRow {
  size_t bodies = 0;
  std::map<Timeliness, size_t> timeliness;
  std::map<AuditFlagKind, size_t> flags;
};

// The flag kinds that get their own overview column beside the four timeliness columns.
bool is_timeliness_flag(AuditFlagKind kind) {
  return kind == AuditFlagKind::missing || kind == AuditFlagKind::not_checked || kind == AuditFlagKind::late;
}

template <typename Key>
size_t count_in(const std::map<Key, size_t>& counts, Key key) {
  auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

std::string count_cell(size_t count) { return count == 0 ? cell("0", "num zero") : number_cell(count); }

std::string overview_cells(const OverviewRow& row) {
  std::string cells = number_cell(row.bodies);
  for (const auto& text : timeliness_texts) cells += count_cell(count_in(row.timeliness, text.timeliness));
  for (const auto& text : flag_texts) {
    if (!is_timeliness_flag(text.kind)) cells += count_cell(count_in(row.flags, text.kind));
  }
  return cells;
}

std::string overview_section(const AuditResult& audit) {
  std::map<std::pair<std::string, std::string>, OverviewRow> rows;
  OverviewRow total;
  for (const AuditedBody& body : audit.bodies) {
    OverviewRow& row = rows[{body.region_code, body.level}];
    ++row.bodies, ++total.bodies;
    ++row.timeliness[body.timeliness], ++total.timeliness[body.timeliness];
  }
  for (const AuditFlag& flag : audit.flags) {
    ++rows[{flag.region_code, flag.level}].flags[flag.flag];
    ++total.flags[flag.flag];
  }
  std::string html =
      "<section id=\"overview\">\n<h2>Overview by region and level 分地区、层级</h2>\n<table "
      "class=\"overview\">\n<thead><tr>" +
      header_cell("Region 地区") + header_cell("Level 层级") + header_cell("Bodies 机关", "num");
  for (const auto& text : timeliness_texts) html += header_cell(text.label, "num");
  for (const auto& text : flag_texts) {
    if (!is_timeliness_flag(text.kind)) html += header_cell(text.label, "num");
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& [key, row] : rows) {
    html += "<tr data-region=\"" + html_escape(key.first) + "\" data-level=\"" + html_escape(key.second) + "\">" +
            cell(html_escape(key.first), "code") + cell(html_escape(key.second), "code") + overview_cells(row) +
            "</tr>\n";
  }
  html += "</tbody>\n<tfoot><tr><td colspan=\"2\">All 合计</td>" + overview_cells(total) + "</tr></tfoot>\n</table>\n";
  html += "<p class=\"note\">The four timeliness columns count bodies; the others count flags.</p>\n</section>\n";
  return html;
}

std::string source_links(const AuditFlag& flag, const AuditPageOptions& options) {
  std::string links;
  std::string stored = options.stored_source_href ? relative_href(options.stored_source_href(flag)) : "";
  if (!stored.empty()) {
    links += "<a class=\"stored-source\" href=\"" + html_escape(stored) + "\">Stored copy 存档副本</a>";
  }
  std::string original = source_href(flag.source_url);
  if (!original.empty()) {
    links += "<a class=\"original-source url\" rel=\"noreferrer\" href=\"" + html_escape(original) + "\">" +
             html_escape(flag.source_url) + "</a>";
  } else if (!flag.source_url.empty()) {
    links += "<span class=\"url\">" + html_escape(flag.source_url) + "</span>";
  }
  return links.empty() ? std::string("—") : links;
}

std::string flag_row(const AuditFlag& flag, const std::string& anchor, const AuditPageOptions& options) {
  std::string body_link = "<a href=\"#" + body_anchor(flag) + "\">" + html_escape(flag.agency) + "</a>";
  return "<tr class=\"flag\" id=\"" + anchor + "\" data-flag=\"" + store::to_string(flag.flag) +
         "\" data-agency-id=\"" + std::to_string(flag.agency_id) + "\">" +
         cell("<a class=\"anchor\" href=\"#" + anchor + "\" title=\"" + html_escape(text_of(flag.flag).label) +
              "\">#</a>") +
         cell(body_link) + cell(html_escape(flag.region_code), "code") + cell(html_escape(flag.level), "code") +
         cell(html_escape(flag.evidence), "evidence") + cell(source_links(flag, options), "links") + "</tr>\n";
}

// The same column widths in every kind's table, so the tables line up one under the other.
constexpr const char* flag_columns =
    "<colgroup><col class=\"anchor\"><col class=\"body\"><col class=\"code\"><col class=\"code\">"
    "<col class=\"evidence\"><col class=\"links\"></colgroup>\n";

std::string flags_section(const AuditResult& audit, const FlagIndex& index, const AuditPageOptions& options) {
  auto counts = flags_by_kind(audit.flags);
  std::string html = "<section id=\"flags\">\n<h2>Flags 问题清单</h2>\n";
  for (const auto& text : flag_texts) {
    html += "<h3 id=\"flags-" + std::string(store::to_string(text.kind)) + "\">" + html_escape(text.label) + " (" +
            std::to_string(counts[text.kind]) + ")</h3>\n<p class=\"meaning\">" + html_escape(text.meaning) + "</p>\n";
    if (counts[text.kind] == 0) {
      html += "<p class=\"note\">None.</p>\n";
      continue;
    }
    html += "<table class=\"flags\" data-flag=\"" + std::string(store::to_string(text.kind)) + "\">\n" + flag_columns +
            "<thead><tr>" + header_cell("") + header_cell("Body 机关") + header_cell("Region 地区") +
            header_cell("Level 层级") + header_cell("Evidence 依据") + header_cell("Source 来源") +
            "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < audit.flags.size(); ++i) {
      if (audit.flags[i].flag == text.kind) html += flag_row(audit.flags[i], index.anchors[i], options);
    }
    html += "</tbody>\n</table>\n";
  }
  return html + "</section>\n";
}

std::string published_text(const AuditedBody& body) {
  if (!body.published) return "—";
  std::string text = html_escape(*body.published);
  if (!body.published_source.empty()) {
    text += " <span class=\"note\">(" + html_escape(body.published_source) + ")</span>";
  }
  return text;
}

std::string body_flag_links(const AuditedBody& body, const std::vector<AuditFlag>& flags, const FlagIndex& index) {
  auto own = index.flags_of_body.find(body.agency_id);
  if (own == index.flags_of_body.end()) return "—";
  std::string links;
  for (size_t i : own->second) {
    if (!links.empty()) links += ", ";
    links += "<a href=\"#" + index.anchors[i] + "\">" + html_escape(text_of(flags[i].flag).label) + "</a>";
  }
  return links;
}

// One x axis for every body's sparkline: from the earliest year any body has a value for to the
// audited year (or the latest year any body has, should that be later).
std::optional<YearSpan> common_year_span(const AuditResult& audit) {
  std::optional<YearSpan> span;
  for (const AuditedBody& body : audit.bodies) {
    for (const auto& point : body.requests_by_year) {
      if (!span) span = YearSpan{point.first, std::max(point.first, audit.query.report_year)};
      span->first = std::min(span->first, point.first);
      span->last = std::max(span->last, point.first);
    }
  }
  return span;
}

std::string span_text(std::optional<YearSpan> span) {
  if (!span) return "";
  return ", " + std::to_string(span->first) + "–" + std::to_string(span->last);
}

std::string sparkline_cell(const AuditedBody& body, std::optional<YearSpan> span) {
  std::string svg = sparkline_svg(body.requests_by_year, body.agency + " 表三 一 本年新收申请", span);
  if (svg.empty()) return cell("—");
  const auto& last = body.requests_by_year.back();
  std::string last_text =
      std::to_string(last.first) + ": " + (last.second ? number_text(*last.second) : std::string("—"));
  return cell(svg + "<span class=\"spark-last\">" + html_escape(last_text) + "</span>", "spark");
}

std::string bodies_section(const AuditResult& audit, const FlagIndex& index) {
  std::optional<YearSpan> span = common_year_span(audit);
  std::string html =
      "<section id=\"bodies\">\n<h2>Bodies 各机关</h2>\n<table class=\"bodies\">\n<thead><tr>" +
      header_cell("Body 机关") + header_cell("Region 地区") + header_cell("Level 层级") + header_cell("Status 状态") +
      header_cell("Published 发布日期 (source)") + header_cell("Deadline 截止") + header_cell("Flags") +
      header_cell("Requests received 本年新收申请 (表三 一)" + span_text(span)) + "</tr></thead>\n<tbody>\n";
  for (const AuditedBody& body : audit.bodies) {
    const TimelinessText& status = text_of(body.timeliness);
    html += "<tr id=\"" + body_anchor(body) + "\" data-timeliness=\"" + store::to_string(body.timeliness) + "\">" +
            cell(html_escape(body.agency)) + cell(html_escape(body.region_code), "code") +
            cell(html_escape(body.level), "code") +
            cell("<span class=\"chip " + std::string(store::to_string(body.timeliness)) + "\">" +
                 html_escape(status.label) + "</span>") +
            cell(published_text(body)) + cell(html_escape(body.deadline.empty() ? "—" : body.deadline)) +
            cell(body_flag_links(body, audit.flags, index)) + sparkline_cell(body, span) + "</tr>\n";
  }
  return html +
         "</tbody>\n</table>\n<p class=\"note\">Sparklines: new requests received (表三 一) in each year the body "
         "has a report, on one year axis for all bodies; a gap is a year with no value, marked by a tick when the "
         "cell is null. Hover for the values.</p>\n</section>\n";
}

std::string footer(const AuditPageOptions& options) {
  std::string text = "Generated by nianbao audit";
  if (!options.generated.empty()) text += ", " + options.generated;
  return "<footer><p>" + html_escape(text) +
         ". The page is self-contained: its charts are drawn by nianbao and it loads nothing from the "
         "network.</p></footer>\n";
}

}  // namespace

std::string render_audit_page(const store::AuditResult& audit, const AuditPageOptions& options) {
  std::string title = page_title(audit, options);
  std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n" + head(title) + "<body>\n<header><h1>" +
                     html_escape(title) + "</h1>\n" + scope_line(audit) + "</header>\n<main>\n";
  FlagIndex index = index_flags(audit.flags);
  html += summary_section(audit) + chart_section(audit) + overview_section(audit) +
          flags_section(audit, index, options) + bodies_section(audit, index);
  return html + "</main>\n" + footer(options) + "</body>\n</html>\n";
}

}  // namespace nianbao::cli
