// The PostgreSQL SQL of migration 5 (store/schema_views.cc): cells and reports with agencies and
// corrections, the panel's key map, the panel and its indicators, with the same columns as SQLite's.
#include "store/schema_postgres.h"

namespace nianbao::store::postgres_sql {

// Ported from SQLite: booleans shown as 0/1 integers (corrected), json_array -> jsonb_build_array,
// json_insert(..., '$[#]') -> jsonb ||, json_extract -> ->>, json_each/json_group_array ->
// jsonb_array_elements_text/jsonb_agg ordered by the flag in byte order (as SQLite's UNION gives
// them), CAST AS REAL -> double precision (PostgreSQL's real is 4 bytes), named subqueries.
const char* const kDatasetViews = R"sql(
-- Quiet the "does not exist, skipping" notices of the drops below (for this step's transaction only).
SET LOCAL client_min_messages = warning;
DROP VIEW IF EXISTS panel_indicators;
DROP VIEW IF EXISTS panel;
DROP VIEW IF EXISTS panel_reports;
DROP TABLE IF EXISTS panel_metrics;
DROP VIEW IF EXISTS cell_values;
DROP VIEW IF EXISTS report_overview;

-- One row per stored cell with its report, agency, document and the correction in force. agency:
-- the registry's name when the report is linked, else the printed one. best_value: the correction
-- in force (NULL when it blanks the cell), else the printed value, else the derived one.
CREATE VIEW cell_values AS
SELECT r.id AS report_id, r.agency_id, COALESCE(a.name, r.agency) AS agency, r.agency AS printed_agency,
       a.region_code, a.level, r.report_year, r.format, r.scope, r.copy_of,
       d.sha256, d.origin AS source,
       c.key, c.value, c.integral, c.derived, c.raw, c.flags,
       cc.value AS corrected_value, cc.reason AS correction_reason,
       c.src_table, c.src_row, c.src_col, c.src_byte_offset, c.src_page,
       (cc.id IS NOT NULL)::integer AS corrected,
       CASE WHEN cc.id IS NULL THEN COALESCE(c.value, c.derived) ELSE cc.value END AS best_value
FROM cells c
JOIN reports r ON r.id = c.report_id
JOIN documents d ON d.id = r.document_id
LEFT JOIN agencies a ON a.id = r.agency_id
LEFT JOIN current_corrections cc ON cc.report_id = c.report_id AND cc.key = c.key;

-- One row per report with its agency (as in cell_values), document and finding counts by severity.
CREATE VIEW report_overview AS
SELECT r.id AS report_id, r.agency_id, COALESCE(a.name, r.agency) AS agency, r.agency AS printed_agency,
       r.agency_match,
       a.region_code, a.level, r.report_year, r.format, r.scope, r.title, r.published, r.copy_of,
       r.extractor_version, d.origin AS source, d.sha256, d.media_type,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'error') AS errors,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'warning') AS warnings,
       (SELECT count(*) FROM findings f WHERE f.report_id = r.id AND f.severity = 'info') AS infos
FROM reports r
JOIN documents d ON d.id = r.document_id
LEFT JOIN agencies a ON a.id = r.agency_id;

-- The comparability map (spec §7): for each format, which stored key feeds which panel metric.
-- A metric has one row per format it occurs in; `key` is NULL for a summed metric, whose parts
-- are listed in source_keys (each part names it in part_of). Rebuilt with the views, never edited
-- by hand.
CREATE TABLE panel_metrics (
  format text COLLATE "C" NOT NULL CHECK (format IN ('f2019', 'f2021')),
  metric text COLLATE "C" NOT NULL CHECK (length(metric) > 0),
  key text COLLATE "C",
  comparability text COLLATE "C" NOT NULL CHECK (comparability IN ('same', 'caveat', 'summed', '2019_only', '2021_only')),
  part_of text COLLATE "C",
  source_keys jsonb NOT NULL CHECK (jsonb_typeof(source_keys) = 'array'),
  note text COLLATE "C" NOT NULL,
  PRIMARY KEY (format, metric),
  CHECK ((key IS NULL) = (comparability = 'summed'))
);

-- Table 三: every row × the seven applicant columns and the derived legal_person_subtotal.
INSERT INTO panel_metrics (format, metric, key, comparability, part_of, source_keys, note)
WITH formats(format) AS (VALUES ('f2019'), ('f2021')),
     applicant_columns(col) AS (VALUES ('natural_person'), ('commercial'), ('research'), ('social_welfare'),
                                       ('legal_service'), ('other'), ('total'), ('legal_person_subtotal')),
     shared_rows(row) AS (VALUES ('new_received'), ('carried_over'), ('result.granted'), ('result.partial'),
       ('result.denied.state_secret'), ('result.denied.law_prohibited'), ('result.denied.security_stability'),
       ('result.denied.third_party'), ('result.denied.internal_affairs'), ('result.denied.process_info'),
       ('result.denied.enforcement_file'), ('result.denied.admin_query'),
       ('result.unable.not_held'), ('result.unable.needs_creation'), ('result.unable.still_unclear'),
       ('result.not_processed.petition'), ('result.not_processed.duplicate'),
       ('result.not_processed.publication'), ('result.not_processed.mass_repeat'),
       ('result.not_processed.confirm_reissue'), ('result.total'), ('carry_forward')),
     other_parts(part) AS (VALUES ('no_correction'), ('fee_unpaid'), ('misc')),
     cell_keys(format, key, comparability, part_of, note) AS (
       SELECT f.format, 't3.' || r.row || '.' || c.col, 'same', NULL, 'identical row in both formats'
       FROM formats f, shared_rows r, applicant_columns c
       UNION ALL
       SELECT 'f2019', 't3.result.other.' || c.col, 'same', NULL,
              '（六）其他处理, one row in 2019; the 2021 rows of this metric are the sum of its three sub-rows'
       FROM applicant_columns c
       UNION ALL
       SELECT 'f2021', 't3.result.other.' || p.part || '.' || c.col, '2021_only', 't3.result.other.' || c.col,
              'a 2021 sub-row of （六）其他处理; summed into t3.result.other.' || c.col
       FROM other_parts p, applicant_columns c)
SELECT format, key, key, comparability, part_of, jsonb_build_array(key), note FROM cell_keys
UNION ALL
SELECT 'f2021', 't3.result.other.' || c.col, NULL, 'summed', NULL,
       jsonb_build_array('t3.result.other.no_correction.' || c.col, 't3.result.other.fee_unpaid.' || c.col,
                  't3.result.other.misc.' || c.col),
       'no_correction + fee_unpaid + misc of the same column (spec §7), to line up with the 2019 row; '
       || 'NULL with flag partial_sum when a part is null or missing while another is present'
FROM applicant_columns c;

-- Table 四: fifteen cells, unchanged between the formats.
INSERT INTO panel_metrics (format, metric, key, comparability, source_keys, note)
WITH formats(format) AS (VALUES ('f2019'), ('f2021')),
     groups(grp) AS (VALUES ('review'), ('suit_direct'), ('suit_after_review')),
     outcomes(outcome) AS (VALUES ('upheld'), ('corrected'), ('other'), ('pending'), ('total')),
     cell_keys(format, key) AS (
       SELECT f.format, 't4.' || g.grp || '.' || o.outcome FROM formats f, groups g, outcomes o)
SELECT format, key, key, 'same', jsonb_build_array(key), 'identical cell in both formats' FROM cell_keys;

-- Table 二: the columns changed in 2021 (spec §4, §7).
INSERT INTO panel_metrics (format, metric, key, comparability, source_keys, note)
WITH cell_keys(format, metric, key, comparability, note) AS (VALUES
  ('f2019', 't2.regulation.issued', 't2.regulation.new_made', 'caveat',
   '2019 本年新制作数量 (made this year) read as 2021 本年制发件数 (issued this year)'),
  ('f2019', 't2.regulation.new_published', 't2.regulation.new_published', '2019_only',
   '本年新公开数量; no 2021 twin'),
  ('f2019', 't2.regulation.total_published', 't2.regulation.total_published', '2019_only',
   '对外公开总数量 (published in total, cumulative); NOT comparable with 2021 in_force (现行有效件数)'),
  ('f2019', 't2.normative_doc.issued', 't2.normative_doc.new_made', 'caveat',
   '2019 本年新制作数量 of 规范性文件 read as 2021 本年制发件数 of 行政规范性文件'),
  ('f2019', 't2.normative_doc.new_published', 't2.normative_doc.new_published', '2019_only',
   '本年新公开数量; no 2021 twin'),
  ('f2019', 't2.normative_doc.total_published', 't2.normative_doc.total_published', '2019_only',
   '对外公开总数量 (published in total, cumulative); NOT comparable with 2021 in_force (现行有效件数)'),
  ('f2019', 't2.license.prev_items', 't2.license.prev_items', '2019_only', '上一年项目数量; 2021 has no item counts'),
  ('f2019', 't2.license.delta_items', 't2.license.delta_items', '2019_only', '本年增/减, signed'),
  ('f2019', 't2.license.decisions', 't2.license.decisions', 'same',
   '处理决定数量; the 2019 行政许可 row excludes 其他对外管理服务事项 (t2.other_service.*, 2019 only)'),
  ('f2019', 't2.other_service.prev_items', 't2.other_service.prev_items', '2019_only',
   '其他对外管理服务事项: row removed in 2021'),
  ('f2019', 't2.other_service.delta_items', 't2.other_service.delta_items', '2019_only',
   '其他对外管理服务事项: row removed in 2021'),
  ('f2019', 't2.other_service.decisions', 't2.other_service.decisions', '2019_only',
   '其他对外管理服务事项: row removed in 2021 (not folded into t2.license.decisions)'),
  ('f2019', 't2.penalty.prev_items', 't2.penalty.prev_items', '2019_only', '上一年项目数量; 2021 has no item counts'),
  ('f2019', 't2.penalty.delta_items', 't2.penalty.delta_items', '2019_only', '本年增/减, signed'),
  ('f2019', 't2.penalty.decisions', 't2.penalty.decisions', 'same', '处理决定数量 = 2021 本年处理决定数量'),
  ('f2019', 't2.coercion.prev_items', 't2.coercion.prev_items', '2019_only', '上一年项目数量; 2021 has no item counts'),
  ('f2019', 't2.coercion.delta_items', 't2.coercion.delta_items', '2019_only', '本年增/减, signed'),
  ('f2019', 't2.coercion.decisions', 't2.coercion.decisions', 'same', '处理决定数量 = 2021 本年处理决定数量'),
  ('f2019', 't2.fee.prev_items', 't2.fee.prev_items', '2019_only',
   'fee ITEM count; 2021 reports money (t2.fee.amount_wan), not comparable'),
  ('f2019', 't2.fee.delta_items', 't2.fee.delta_items', '2019_only',
   'fee item count change, signed; 2021 reports money, not comparable'),
  ('f2019', 't2.procurement.projects', 't2.procurement.projects', '2019_only',
   '政府集中采购 block removed in 2021'),
  ('f2019', 't2.procurement.amount', 't2.procurement.amount', '2019_only',
   '政府集中采购 block removed in 2021; unit not fixed by the template (often 元)'),
  ('f2021', 't2.regulation.issued', 't2.regulation.issued', 'same',
   '本年制发件数; the 2019 rows of this metric are 本年新制作数量 (caveat)'),
  ('f2021', 't2.regulation.repealed', 't2.regulation.repealed', '2021_only', '本年废止件数'),
  ('f2021', 't2.regulation.in_force', 't2.regulation.in_force', '2021_only',
   '现行有效件数 (currently valid); NOT comparable with 2019 total_published'),
  ('f2021', 't2.normative_doc.issued', 't2.normative_doc.issued', 'same',
   '本年制发件数; the 2019 rows of this metric are 本年新制作数量 (caveat)'),
  ('f2021', 't2.normative_doc.repealed', 't2.normative_doc.repealed', '2021_only', '本年废止件数'),
  ('f2021', 't2.normative_doc.in_force', 't2.normative_doc.in_force', '2021_only',
   '现行有效件数 (currently valid); NOT comparable with 2019 total_published'),
  ('f2021', 't2.license.decisions', 't2.license.decisions', 'same',
   '本年处理决定数量; the 2021 table has no 其他对外管理服务事项 row'),
  ('f2021', 't2.penalty.decisions', 't2.penalty.decisions', 'same', '本年处理决定数量'),
  ('f2021', 't2.coercion.decisions', 't2.coercion.decisions', 'same', '本年处理决定数量'),
  ('f2021', 't2.fee.amount_wan', 't2.fee.amount_wan', '2021_only',
   '本年收费金额 in 万元 (money); 2019 counted fee items, not comparable'))
SELECT format, metric, key, comparability, jsonb_build_array(key), note FROM cell_keys;

-- The report that stands for each agency, year and scope: primary copies (copy_of IS NULL) linked
-- to an agency, in the 2019 or 2021 format, with a year. When several remain, the one with the
-- fewest error findings of its own extraction wins, then the lowest id; `candidates` counts them.
-- Window functions keep this to one pass over reports; filters on agency_id/year/scope reach it.
CREATE VIEW panel_reports AS
WITH candidates AS (
  SELECT r.agency_id, a.name AS agency, a.region_code, a.level, r.report_year, r.scope, r.format,
         r.id AS report_id,
         (SELECT count(*) FROM findings f
          WHERE f.report_id = r.id AND f.severity = 'error' AND f.origin = 'extract') AS errors,
         (SELECT count(*) FROM corrections x WHERE x.report_id = r.id) AS corrections
  FROM reports r
  JOIN agencies a ON a.id = r.agency_id
  WHERE r.copy_of IS NULL AND r.report_year IS NOT NULL AND r.format IN ('f2019', 'f2021')),
ranked AS (
  SELECT candidates.*,
         row_number() OVER (PARTITION BY agency_id, report_year, scope ORDER BY errors, report_id) AS rank,
         count(*) OVER (PARTITION BY agency_id, report_year, scope) AS candidates
  FROM candidates)
SELECT agency_id, agency, region_code, level, report_year, scope, format, report_id, errors, corrections,
       candidates
FROM ranked
WHERE rank = 1;

-- One row per agency, year, scope and metric (panel_metrics maps the stored keys of each format).
-- Three parts: stored cells; corrections of keys the extractor did not store; the 2021 sums.
-- best_value: the correction in force when there is one (NULL when it blanks the cell), else the
-- printed value, else the derived one. Corrections are looked up only for reports that have any.
-- The numeric columns are CAST in every part, as in SQLite (where it keeps one affinity).
CREATE VIEW panel AS
SELECT pr.agency_id, pr.agency, pr.region_code, pr.level, pr.report_year, pr.scope, pr.format,
       m.metric, CAST(c.value AS double precision) AS value, CAST(c.derived AS double precision) AS derived,
       CAST(cc.value AS double precision) AS corrected_value,
       CAST(CASE WHEN cc.id IS NULL THEN COALESCE(c.value, c.derived) ELSE cc.value END AS double precision) AS best_value,
       m.comparability, pr.report_id, m.source_keys,
       CASE WHEN cc.id IS NULL THEN c.flags ELSE c.flags || '["corrected"]'::jsonb END AS flags
FROM panel_reports pr
JOIN cells c ON c.report_id = pr.report_id
JOIN panel_metrics m ON m.format = pr.format AND m.key = c.key
LEFT JOIN current_corrections cc ON pr.corrections > 0 AND cc.report_id = c.report_id AND cc.key = c.key
UNION ALL
SELECT pr.agency_id, pr.agency, pr.region_code, pr.level, pr.report_year, pr.scope, pr.format,
       m.metric, CAST(NULL AS double precision), CAST(NULL AS double precision), CAST(cc.value AS double precision), CAST(cc.value AS double precision),
       m.comparability, pr.report_id, m.source_keys,
       jsonb_build_array('corrected')
FROM panel_reports pr
JOIN current_corrections cc ON pr.corrections > 0 AND cc.report_id = pr.report_id
JOIN panel_metrics m ON m.format = pr.format AND m.key = cc.key
WHERE NOT EXISTS (SELECT 1 FROM cells c WHERE c.report_id = cc.report_id AND c.key = cc.key)
UNION ALL
SELECT agency_id, agency, region_code, level, report_year, scope, format, metric,
       CAST(printed AS double precision), CAST(CASE WHEN printed IS NULL THEN known END AS double precision),
       CAST(CASE WHEN corrected THEN b1 + b2 + b3 END AS double precision), CAST(b1 + b2 + b3 AS double precision),
       comparability, report_id, source_keys,
       CASE WHEN flags1 = '[]' AND flags2 = '[]' AND flags3 = '[]' AND NOT corrected
                 AND NOT (COALESCE(b1, b2, b3) IS NOT NULL AND (b1 IS NULL OR b2 IS NULL OR b3 IS NULL)) THEN '[]'::jsonb
            ELSE (SELECT COALESCE(jsonb_agg(flag_set.flag ORDER BY flag_set.flag COLLATE "C"), '[]'::jsonb) FROM (
                    SELECT j.flag FROM jsonb_array_elements_text(flags1) j(flag)
                    UNION SELECT j.flag FROM jsonb_array_elements_text(flags2) j(flag)
                    UNION SELECT j.flag FROM jsonb_array_elements_text(flags3) j(flag)
                    UNION SELECT 'corrected' WHERE corrected
                    UNION SELECT 'partial_sum'
                          WHERE COALESCE(b1, b2, b3) IS NOT NULL AND (b1 IS NULL OR b2 IS NULL OR b3 IS NULL)) AS flag_set)
       END
FROM (
  SELECT pr.agency_id, pr.agency, pr.region_code, pr.level, pr.report_year, pr.scope, pr.format,
         m.metric, m.comparability, pr.report_id, m.source_keys,
         c1.value + c2.value + c3.value AS printed,
         COALESCE(c1.value, c1.derived) + COALESCE(c2.value, c2.derived) + COALESCE(c3.value, c3.derived) AS known,
         CASE WHEN k1.id IS NULL THEN COALESCE(c1.value, c1.derived) ELSE k1.value END AS b1,
         CASE WHEN k2.id IS NULL THEN COALESCE(c2.value, c2.derived) ELSE k2.value END AS b2,
         CASE WHEN k3.id IS NULL THEN COALESCE(c3.value, c3.derived) ELSE k3.value END AS b3,
         (k1.id IS NOT NULL OR k2.id IS NOT NULL OR k3.id IS NOT NULL) AS corrected,
         COALESCE(c1.flags, '[]'::jsonb) AS flags1, COALESCE(c2.flags, '[]'::jsonb) AS flags2,
         COALESCE(c3.flags, '[]'::jsonb) AS flags3
  FROM panel_reports pr
  JOIN panel_metrics m ON m.format = pr.format AND m.key IS NULL
  LEFT JOIN cells c1 ON c1.report_id = pr.report_id AND c1.key = (m.source_keys ->> 0)
  LEFT JOIN cells c2 ON c2.report_id = pr.report_id AND c2.key = (m.source_keys ->> 1)
  LEFT JOIN cells c3 ON c3.report_id = pr.report_id AND c3.key = (m.source_keys ->> 2)
  LEFT JOIN current_corrections k1
         ON pr.corrections > 0 AND k1.report_id = pr.report_id AND k1.key = (m.source_keys ->> 0)
  LEFT JOIN current_corrections k2
         ON pr.corrections > 0 AND k2.report_id = pr.report_id AND k2.key = (m.source_keys ->> 1)
  LEFT JOIN current_corrections k3
         ON pr.corrections > 0 AND k3.report_id = pr.report_id AND k3.key = (m.source_keys ->> 2)
  WHERE c1.report_id IS NOT NULL OR c2.report_id IS NOT NULL OR c3.report_id IS NOT NULL
     OR k1.id IS NOT NULL OR k2.id IS NOT NULL OR k3.id IS NOT NULL) AS sums;

-- One row per agency, year and scope (every panel_reports row): numerators and denominators from
-- panel.best_value (so corrections count), then the ratios. A group sum with a NULL or missing
-- part is NULL, never a silent 0; a ratio is NULL when its denominator is 0 or NULL. The inputs
-- are one aggregate over the panel (plus a placeholder row per report, so a report without any
-- of these cells still has its row), which lets a filter on agency_id/report_year/scope reach it.
CREATE VIEW panel_indicators AS
SELECT agency_id, agency, region_code, level, report_year, scope, format, report_id,
       new_received, carried_over, decided, granted, partial, denied, unable, not_processed, other,
       carry_forward, review_total, review_corrected, suit_direct_total, suit_direct_corrected,
       suit_after_review_total, suit_after_review_corrected,
       1.0 * (granted + partial) / NULLIF(decided, 0) AS disclosure_rate,
       1.0 * denied / NULLIF(decided, 0) AS denied_share,
       1.0 * unable / NULLIF(decided, 0) AS unable_share,
       1.0 * not_processed / NULLIF(decided, 0) AS not_processed_share,
       1.0 * other / NULLIF(decided, 0) AS other_share,
       1.0 * carry_forward / NULLIF(new_received + carried_over, 0) AS backlog_share,
       100.0 * review_total / NULLIF(new_received, 0) AS reviews_per_100,
       100.0 * (suit_direct_total + suit_after_review_total) / NULLIF(new_received, 0) AS suits_per_100,
       1.0 * (review_corrected + suit_direct_corrected + suit_after_review_corrected)
         / NULLIF(review_total + suit_direct_total + suit_after_review_total, 0) AS correction_rate
FROM (
  SELECT agency_id, max(agency) AS agency, max(region_code) AS region_code, max(level) AS level, report_year,
         scope, max(format) AS format, max(report_id) AS report_id,
         max(CASE WHEN metric = 't3.new_received.total' THEN best_value END) AS new_received,
         max(CASE WHEN metric = 't3.carried_over.total' THEN best_value END) AS carried_over,
         max(CASE WHEN metric = 't3.result.total.total' THEN best_value END) AS decided,
         max(CASE WHEN metric = 't3.result.granted.total' THEN best_value END) AS granted,
         max(CASE WHEN metric = 't3.result.partial.total' THEN best_value END) AS partial,
         CASE WHEN count(CASE WHEN metric LIKE 't3.result.denied.%' THEN best_value END) = 8
              THEN sum(CASE WHEN metric LIKE 't3.result.denied.%' THEN best_value END) END AS denied,
         CASE WHEN count(CASE WHEN metric LIKE 't3.result.unable.%' THEN best_value END) = 3
              THEN sum(CASE WHEN metric LIKE 't3.result.unable.%' THEN best_value END) END AS unable,
         CASE WHEN count(CASE WHEN metric LIKE 't3.result.not_processed.%' THEN best_value END) = 5
              THEN sum(CASE WHEN metric LIKE 't3.result.not_processed.%' THEN best_value END) END AS not_processed,
         max(CASE WHEN metric = 't3.result.other.total' THEN best_value END) AS other,
         max(CASE WHEN metric = 't3.carry_forward.total' THEN best_value END) AS carry_forward,
         max(CASE WHEN metric = 't4.review.total' THEN best_value END) AS review_total,
         max(CASE WHEN metric = 't4.review.corrected' THEN best_value END) AS review_corrected,
         max(CASE WHEN metric = 't4.suit_direct.total' THEN best_value END) AS suit_direct_total,
         max(CASE WHEN metric = 't4.suit_direct.corrected' THEN best_value END) AS suit_direct_corrected,
         max(CASE WHEN metric = 't4.suit_after_review.total' THEN best_value END) AS suit_after_review_total,
         max(CASE WHEN metric = 't4.suit_after_review.corrected' THEN best_value END) AS suit_after_review_corrected
  FROM (
    SELECT agency_id, agency, region_code, level, report_year, scope, format, report_id, metric, best_value
    FROM panel
    WHERE metric IN ('t3.new_received.total', 't3.carried_over.total', 't3.result.total.total',
                     't3.result.granted.total', 't3.result.partial.total',
                     't3.result.denied.state_secret.total', 't3.result.denied.law_prohibited.total',
                     't3.result.denied.security_stability.total', 't3.result.denied.third_party.total',
                     't3.result.denied.internal_affairs.total', 't3.result.denied.process_info.total',
                     't3.result.denied.enforcement_file.total', 't3.result.denied.admin_query.total',
                     't3.result.unable.not_held.total', 't3.result.unable.needs_creation.total',
                     't3.result.unable.still_unclear.total',
                     't3.result.not_processed.petition.total', 't3.result.not_processed.duplicate.total',
                     't3.result.not_processed.publication.total', 't3.result.not_processed.mass_repeat.total',
                     't3.result.not_processed.confirm_reissue.total',
                     't3.result.other.total', 't3.carry_forward.total',
                     't4.review.total', 't4.review.corrected', 't4.suit_direct.total', 't4.suit_direct.corrected',
                     't4.suit_after_review.total', 't4.suit_after_review.corrected')
    UNION ALL
    SELECT agency_id, agency, region_code, level, report_year, scope, format, report_id, NULL, NULL
    FROM panel_reports) AS panel_rows
  GROUP BY agency_id, report_year, scope) AS inputs;
)sql";

}  // namespace nianbao::store::postgres_sql
