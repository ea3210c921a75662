// The PostgreSQL SQL of migration 6 (store/schema_roles.cc): documents get a role, a title and a
// publication date with its source; reports the source of theirs; crawl fetches an index by URL.
#include "store/schema_postgres.h"

namespace nianbao::store::postgres_sql {

const char* const kDocumentRoles = R"sql(
ALTER TABLE documents ADD COLUMN role text COLLATE "C" NOT NULL DEFAULT 'unknown'
  CHECK (role IN ('unknown', 'report', 'landing', 'notice', 'interpretation', 'other'));
ALTER TABLE documents ADD COLUMN title text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN published text COLLATE "C";
ALTER TABLE documents ADD COLUMN published_source text COLLATE "C" CHECK (published_source IN ('meta', 'printed'));
ALTER TABLE reports ADD COLUMN published_source text COLLATE "C" CHECK (published_source IN ('meta', 'printed'));

UPDATE documents SET role = CASE
    WHEN extract_status = 'raw' THEN 'unknown'
    WHEN EXISTS (SELECT 1 FROM reports r WHERE r.document_id = documents.id AND r.format <> 'not_a_report')
      THEN 'report'
    ELSE 'other' END,
  title = COALESCE((SELECT r.title FROM reports r WHERE r.document_id = documents.id ORDER BY r.ordinal LIMIT 1), ''),
  published = (SELECT min(r.published) FROM reports r WHERE r.document_id = documents.id);
CREATE INDEX crawl_fetches_by_url ON crawl_fetches (url, fetched_at);
)sql";

}  // namespace nianbao::store::postgres_sql
