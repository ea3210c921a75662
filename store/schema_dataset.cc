// The SQL of migrations 3 and 4: the crawl's tables join the one migration list (their bodies move
// into the content-addressed documents table), then agencies, corrections and report links.
#include "store/schema_dataset.h"

namespace nianbao::store {

// Step 3. A database written by release 0.1 may already hold the crawl_* tables (the crawler created
// them itself then), hence IF NOT EXISTS. crawl_blobs is folded into documents: a body the crawler
// stored but nobody extracted (a list page, a delivery still pending) becomes a document with
// extract_status 'raw'; a body already ingested is the same row (same sha256), so it is kept once.
const char* const kCrawlStateSql = R"sql(
CREATE TABLE IF NOT EXISTS crawl_runs(
  id INTEGER PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL);
CREATE TABLE IF NOT EXISTS crawl_seeds(
  id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, agency TEXT, region_code TEXT, level TEXT);
CREATE TABLE IF NOT EXISTS crawl_urls(
  id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, url TEXT NOT NULL, method TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '', host TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
  depth INTEGER NOT NULL DEFAULT 0, tries INTEGER NOT NULL DEFAULT 0, next_fetch_at REAL NOT NULL DEFAULT 0,
  redirects INTEGER NOT NULL DEFAULT 0, parent_id INTEGER, anchor_text TEXT NOT NULL DEFAULT '',
  etag TEXT, last_modified TEXT, content_sha256 TEXT, content_type TEXT, charset TEXT, error TEXT,
  delivery TEXT NOT NULL DEFAULT 'none', updated_at REAL);
CREATE INDEX IF NOT EXISTS crawl_urls_state ON crawl_urls(state);
CREATE TABLE IF NOT EXISTS crawl_fetches(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, url_id INTEGER NOT NULL, url TEXT NOT NULL,
  final_url TEXT, method TEXT NOT NULL, status INTEGER, outcome TEXT NOT NULL, headers TEXT,
  content_type TEXT, charset TEXT, sha256 TEXT, bytes INTEGER, fetched_at TEXT NOT NULL,
  elapsed_ms INTEGER, error TEXT);
CREATE INDEX IF NOT EXISTS crawl_fetches_url ON crawl_fetches(url_id);
CREATE TABLE IF NOT EXISTS crawl_robots(
  host TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, fetched_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS crawl_urls_content ON crawl_urls(content_sha256);

CREATE TABLE IF NOT EXISTS crawl_blobs(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);
INSERT INTO documents (sha256, bytes, size, media_type, charset, origin, extract_status, extract_message)
SELECT b.sha256, b.bytes, length(b.bytes),
       COALESCE((SELECT u.content_type FROM crawl_urls u WHERE u.content_sha256 = b.sha256 ORDER BY u.id LIMIT 1), ''),
       COALESCE((SELECT u.charset FROM crawl_urls u WHERE u.content_sha256 = b.sha256 ORDER BY u.id LIMIT 1), ''),
       COALESCE((SELECT u.url FROM crawl_urls u WHERE u.content_sha256 = b.sha256 ORDER BY u.id LIMIT 1), 'crawl'),
       'raw', 'stored by the crawler; not extracted'
FROM crawl_blobs b
WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = b.sha256);
INSERT OR IGNORE INTO document_origins (document_id, origin)
SELECT d.id, u.url FROM crawl_urls u JOIN documents d ON d.sha256 = u.content_sha256;
DROP TABLE crawl_blobs;
)sql";

// Step 4. Agencies (the registry of reporting bodies), the link of each report to one, copies of
// one report (copy_of points at the primary copy), findings that span reports, and corrections.
const char* const kDatasetSql = R"sql(
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  name_key TEXT NOT NULL CHECK (length(name_key) > 0),
  region_code TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES agencies(id),
  since TEXT,
  until TEXT,
  UNIQUE (name, region_code)
);
CREATE INDEX agencies_by_name_key ON agencies (name_key);
CREATE TABLE agency_aliases (
  agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  alias TEXT NOT NULL CHECK (length(alias) > 0),
  name_key TEXT NOT NULL CHECK (length(name_key) > 0),
  PRIMARY KEY (agency_id, name_key)
);
CREATE INDEX agency_aliases_by_name_key ON agency_aliases (name_key);
CREATE TABLE agency_succession (
  predecessor_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  successor_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  effective TEXT,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);

ALTER TABLE reports ADD COLUMN agency_id INTEGER REFERENCES agencies(id);
ALTER TABLE reports ADD COLUMN agency_match TEXT NOT NULL DEFAULT 'unmatched';
ALTER TABLE reports ADD COLUMN seed_agency TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN seed_region_code TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN seed_level TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN copy_of INTEGER REFERENCES reports(id);
CREATE INDEX reports_by_agency_id ON reports (agency_id, report_year);
CREATE INDEX reports_by_copy ON reports (copy_of);

ALTER TABLE findings ADD COLUMN origin TEXT NOT NULL DEFAULT 'extract';

-- Cells keyed by (report_id, key) in one b-tree (WITHOUT ROWID) instead of a rowid table plus a
-- unique index plus an index on key: a third of the size, 2.5x faster bulk ingest. Reading goes
-- by report (every view and export joins on report_id); a query by key alone scans. The view
-- that reads cells is dropped here and created again by migration 5.
DROP VIEW IF EXISTS cell_values;
CREATE TABLE cells_by_report (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (length(key) > 0),
  value REAL,
  integral INTEGER CHECK (integral IN (0, 1)),
  raw TEXT NOT NULL,
  flags TEXT NOT NULL CHECK (json_valid(flags) AND json_type(flags) = 'array'),
  derived REAL,
  derived_integral INTEGER CHECK (derived_integral IN (0, 1)),
  src_table INTEGER,
  src_row INTEGER,
  src_col INTEGER,
  src_byte_offset INTEGER,
  src_page INTEGER,
  bbox_left REAL,
  bbox_top REAL,
  bbox_right REAL,
  bbox_bottom REAL,
  PRIMARY KEY (report_id, key),
  CHECK ((value IS NULL) = (integral IS NULL)),
  CHECK ((derived IS NULL) = (derived_integral IS NULL))
) WITHOUT ROWID;
INSERT INTO cells_by_report
SELECT report_id, key, value, integral, raw, flags, derived, derived_integral, src_table, src_row, src_col,
       src_byte_offset, src_page, bbox_left, bbox_top, bbox_right, bbox_bottom
FROM cells;
DROP TABLE cells;
ALTER TABLE cells_by_report RENAME TO cells;

-- Which extractor read a document (NULL: never extracted, i.e. a 'raw' crawl body). Documents of
-- release 0.1 were all read by extractor 0.1.0.
ALTER TABLE documents ADD COLUMN extractor_version TEXT;
UPDATE documents SET extractor_version = COALESCE(
  (SELECT max(r.extractor_version) FROM reports r WHERE r.document_id = documents.id), '0.1.0')
WHERE extract_status <> 'raw';

CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  key TEXT NOT NULL CHECK (length(key) > 0),
  value REAL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  corrected_by TEXT NOT NULL CHECK (length(corrected_by) > 0),
  corrected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX corrections_by_report_key ON corrections (report_id, key);

-- The correction in force for a cell: the latest one recorded.
CREATE VIEW current_corrections AS
SELECT c.* FROM corrections c
WHERE c.id = (SELECT max(c2.id) FROM corrections c2 WHERE c2.report_id = c.report_id AND c2.key = c.key);
)sql";

}  // namespace nianbao::store
