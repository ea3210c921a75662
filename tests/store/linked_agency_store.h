// Test support for the copies and cross-year tests: a store whose ingested fixtures are all linked
// to one agency of the test's own (as the linker would leave them), plus a second connection; on
// either backend (an SQLite file or a PostgreSQL database).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "store/database.h"
#include "store/statement.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store_test {

class LinkedAgencyStore {
 public:
  // Call NIANBAO_REQUIRE_BACKEND(backend) first.
  explicit LinkedAgencyStore(testing::Backend backend)
      : backend_(backend), path_(backend_.target()), database_(path_), second_(path_, store::OpenMode::existing) {
    // An agency of the test's own, so that whatever the ingest links by itself stays apart.
    store::Statement insert(handle(),
                            "INSERT INTO agencies (name, name_key) VALUES ('平潭综合实验区（测试）', "
                            "'平潭综合实验区（测试）') RETURNING id",
                            "test setup");
    insert.step();
    agency_id_ = insert.column_int64(0);
  }
  LinkedAgencyStore(const LinkedAgencyStore&) = delete;
  LinkedAgencyStore& operator=(const LinkedAgencyStore&) = delete;

  // Ingests a fixture as it is (or `bytes` under its name) and links its report to the agency.
  int64_t add(const std::string& relative, std::optional<std::string> bytes = std::nullopt) {
    std::string content = bytes ? *bytes : testing::read_fixture(relative);
    store::IngestOutcome outcome = database_.ingest(content, relative, extract_document({content, relative, ""}));
    int64_t report_id = count("SELECT id FROM reports WHERE document_id = " + std::to_string(outcome.document_id));
    store::execute(handle(),
                   "UPDATE reports SET agency_id = " + std::to_string(agency_id_) +
                       " WHERE id = " + std::to_string(report_id),
                   "test setup");
    return report_id;
  }

  // Every finding and check (and, with `with_copy_links`, every report's copy_of) as text, for
  // the idempotence checks. Every column is cast to text so that the UNION is typed alike on
  // PostgreSQL.
  std::string snapshot(bool with_copy_links) const {
    std::string rows;
    store::Statement row(handle(),
                         std::string(with_copy_links ? "SELECT 'report', id, COALESCE(CAST(copy_of AS TEXT), 'null'), '' FROM reports "
                                                       "UNION ALL "
                                                     : "") +
                             "SELECT 'finding', report_id, CAST(ordinal AS TEXT), rule || severity || message || "
                             "CAST(cells AS TEXT) || origin || COALESCE(CAST(expected AS TEXT), 'null') || "
                             "COALESCE(CAST(actual AS TEXT), 'null') FROM findings UNION ALL "
                             "SELECT 'check', report_id, rule, CAST(passed AS TEXT) || '/' || CAST(failed AS TEXT) || '/' || "
                             "CAST(not_assessable AS TEXT) "
                             "FROM checks ORDER BY 1, 2, 3",
                         "test snapshot");
    while (row.step()) {
      rows +=
          row.column_text(0) + " " + row.column_text(1) + " " + row.column_text(2) + " " + row.column_text(3) + "\n";
    }
    return rows;
  }

  int64_t count(const std::string& sql) const { return std::stoll(text(sql)); }
  std::string text(const std::string& sql) const { return testing::backend_one(path_, sql); }
  store::Session& handle() const { return second_.handle(); }
  int64_t agency_id() const { return agency_id_; }
  const std::string& path() const { return path_; }

 private:
  testing::BackendDatabase backend_;
  std::string path_;
  store::Database database_;
  store::Connection second_;  // a second connection, as another process would have
  int64_t agency_id_ = 0;
};

}  // namespace nianbao::store_test
