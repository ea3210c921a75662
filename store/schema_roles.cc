// Migration 6: documents get a role (report, landing page, notice, interpretation, other; 'unknown'
// for crawl bodies never extracted), a title and a publication date with its source.
#include "store/schema_roles.h"

namespace nianbao::store {

// Documents stored before this step keep the role their reports imply ('report' when one of them
// is a report, else 'other'); re-extraction with a newer extractor classifies them properly.
const char* const kDocumentRolesSql = R"sql(
ALTER TABLE documents ADD COLUMN role TEXT NOT NULL DEFAULT 'unknown'
  CHECK (role IN ('unknown', 'report', 'landing', 'notice', 'interpretation', 'other'));
ALTER TABLE documents ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN published TEXT;
ALTER TABLE documents ADD COLUMN published_source TEXT CHECK (published_source IN ('meta', 'printed'));
ALTER TABLE reports ADD COLUMN published_source TEXT CHECK (published_source IN ('meta', 'printed'));

UPDATE documents SET role = CASE
    WHEN extract_status = 'raw' THEN 'unknown'
    WHEN EXISTS (SELECT 1 FROM reports r WHERE r.document_id = documents.id AND r.format <> 'not_a_report')
      THEN 'report'
    ELSE 'other' END,
  title = COALESCE((SELECT r.title FROM reports r WHERE r.document_id = documents.id ORDER BY r.ordinal LIMIT 1), ''),
  published = (SELECT min(r.published) FROM reports r WHERE r.document_id = documents.id);
CREATE INDEX crawl_fetches_by_url ON crawl_fetches (url, fetched_at);
)sql";

}  // namespace nianbao::store
