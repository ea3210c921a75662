// The PostgreSQL SQL of migration 7 (store/schema_pre2019.cc, spec §9.4): the pre-2019 key map,
// pre2019_reports, pre2019_panel and panel_with_pre2019, with the same columns as SQLite's.
#include "store/schema_postgres.h"

namespace nianbao::store::postgres_sql {

// Ported from SQLite: JOIN without ON -> CROSS JOIN; GROUP BY names every column of the report
// (one row per report_id, so the groups are SQLite's); max(boolean) -> bool_or;
// json_group_array -> jsonb_agg ordered by pre_key (SQLite aggregates in the key map's order).
const char* const kPre2019Mapping = R"sql(
CREATE TABLE pre2019_key_map (
  pre_key text COLLATE "C" NOT NULL CHECK (pre_key LIKE 'pre.%'),
  metric text COLLATE "C" NOT NULL CHECK (length(metric) > 0),
  mapping_quality text COLLATE "C" NOT NULL CHECK (mapping_quality IN ('good', 'fair', 'poor')),
  note text COLLATE "C" NOT NULL,
  PRIMARY KEY (metric, pre_key)
);

INSERT INTO pre2019_key_map (pre_key, metric, mapping_quality, note) VALUES
  ('pre.req.received', 't3.new_received.total', 'good',
   'applications received; no carry-over before 2019 (t3.carried_over.total has no pre-2019 value)'),
  ('pre.req.answered', 't3.result.total.total', 'fair', 'replies given (答复数) read as decisions (办理结果 总计)'),
  ('pre.req.granted', 't3.result.granted.total', 'fair',
   '同意公开; pre.req.already_public is not added (whether it counts as 予以公开 is unconfirmed)'),
  ('pre.req.partial', 't3.result.partial.total', 'good', '同意部分公开 = 部分公开'),
  ('pre.req.denied', 't3.result.denied.total', 'poor',
   'not a 2019+ cell: the sum of the eight t3.result.denied.<reason>.total (panel_indicators.denied); '
   || 'the reason sets differ ("非《条例》所指政府信息" has no twin)'),
  ('pre.req.not_exist', 't3.result.unable.not_held.total', 'fair', '信息不存在, summed with pre.req.not_this_organ'),
  ('pre.req.not_this_organ', 't3.result.unable.not_held.total', 'fair',
   '非本部门掌握, summed with pre.req.not_exist'),
  ('pre.req.unclear', 't3.result.unable.still_unclear.total', 'poor', '申请内容不明确 / 告知更改补充'),
  ('pre.review.total', 't4.review.total', 'good', '行政复议数; no pending column before 2019'),
  ('pre.review.upheld', 't4.review.upheld', 'fair', 'breakdown unconfirmed by two sources'),
  ('pre.review.corrected', 't4.review.corrected', 'fair', 'breakdown unconfirmed by two sources'),
  ('pre.review.other', 't4.review.other', 'fair', 'breakdown unconfirmed by two sources'),
  ('pre.suit.total', 't4.suit.total', 'good',
   'not a 2019+ cell: t4.suit_direct.total + t4.suit_after_review.total (panel_indicators suits)'),
  ('pre.active.normative_docs', 't2.normative_doc.issued', 'poor',
   '2019 t2.normative_doc.new_published / 2021 t2.normative_doc.issued; counts of different things');

-- The pre-2019 report that stands for each agency, year and scope, chosen as panel_reports
-- chooses among 2019/2021 reports: primary copies linked to an agency, fewest error findings of
-- their own extraction, then the lowest id.
CREATE VIEW pre2019_reports AS
WITH candidates AS (
  SELECT r.agency_id, a.name AS agency, a.region_code, a.level, r.report_year, r.scope, r.format,
         r.id AS report_id,
         (SELECT count(*) FROM findings f
          WHERE f.report_id = r.id AND f.severity = 'error' AND f.origin = 'extract') AS errors,
         (SELECT count(*) FROM corrections x WHERE x.report_id = r.id) AS corrections
  FROM reports r
  JOIN agencies a ON a.id = r.agency_id
  WHERE r.copy_of IS NULL AND r.report_year IS NOT NULL AND r.format = 'pre2019'),
ranked AS (
  SELECT candidates.*,
         row_number() OVER (PARTITION BY agency_id, report_year, scope ORDER BY errors, report_id) AS rank,
         count(*) OVER (PARTITION BY agency_id, report_year, scope) AS candidates
  FROM candidates)
SELECT agency_id, agency, region_code, level, report_year, scope, format, report_id, errors, corrections,
       candidates
FROM ranked
WHERE rank = 1;

-- One row per pre-2019 report and mapped metric that has at least one of its pre.* cells (or a
-- correction of one). value: the sum of the printed parts, NULL unless every part is printed;
-- best_value: the same over corrections in force, else printed, else derived values.
CREATE VIEW pre2019_panel AS
SELECT agency_id, agency, region_code, level, report_year, scope, format, metric,
       CAST(CASE WHEN printed_parts = parts THEN printed_sum END AS double precision) AS value,
       CAST(NULL AS double precision) AS derived,
       CAST(CASE WHEN corrected AND best_parts = parts THEN best_sum END AS double precision) AS corrected_value,
       CAST(CASE WHEN best_parts = parts THEN best_sum END AS double precision) AS best_value,
       'pre2019_mapped'::text AS comparability, report_id, source_keys,
       CASE WHEN best_parts < parts AND corrected THEN jsonb_build_array('pre2019_mapped', 'corrected', 'partial_sum')
            WHEN best_parts < parts THEN jsonb_build_array('pre2019_mapped', 'partial_sum')
            WHEN corrected THEN jsonb_build_array('pre2019_mapped', 'corrected')
            ELSE jsonb_build_array('pre2019_mapped') END AS flags,
       mapping_quality
FROM (
  SELECT pr.agency_id, pr.agency, pr.region_code, pr.level, pr.report_year, pr.scope, pr.format,
         m.metric, pr.report_id, max(m.mapping_quality) AS mapping_quality,
         jsonb_agg(m.pre_key ORDER BY m.pre_key) AS source_keys,
         (SELECT count(*) FROM pre2019_key_map p WHERE p.metric = m.metric) AS parts,
         count(c.value) AS printed_parts, sum(c.value) AS printed_sum,
         count(CASE WHEN cc.id IS NULL THEN COALESCE(c.value, c.derived) ELSE cc.value END) AS best_parts,
         sum(CASE WHEN cc.id IS NULL THEN COALESCE(c.value, c.derived) ELSE cc.value END) AS best_sum,
         bool_or(cc.id IS NOT NULL) AS corrected,
         count(c.key) + count(cc.id) AS present
  FROM pre2019_reports pr
  CROSS JOIN pre2019_key_map m
  LEFT JOIN cells c ON c.report_id = pr.report_id AND c.key = m.pre_key
  LEFT JOIN current_corrections cc ON pr.corrections > 0 AND cc.report_id = pr.report_id AND cc.key = m.pre_key
  GROUP BY pr.agency_id, pr.agency, pr.region_code, pr.level, pr.report_year, pr.scope, pr.format,
           pr.report_id, m.metric) AS mapped
WHERE present > 0;

-- The panel with the pre-2019 years: every panel row (mapping_quality 'exact') and every
-- pre2019_panel row (mapping_quality good / fair / poor), same columns.
CREATE VIEW panel_with_pre2019 AS
SELECT agency_id, agency, region_code, level, report_year, scope, format, metric, value, derived,
       corrected_value, best_value, comparability, report_id, source_keys, flags, 'exact' AS mapping_quality
FROM panel
UNION ALL
SELECT agency_id, agency, region_code, level, report_year, scope, format, metric, value, derived,
       corrected_value, best_value, comparability, report_id, source_keys, flags, mapping_quality
FROM pre2019_panel;
)sql";

}  // namespace nianbao::store::postgres_sql
