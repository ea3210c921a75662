// Test support for the copies and cross-year tests: a store whose ingested fixtures are all linked
// to one agency of the test's own (as the linker would leave them), plus a second raw connection.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "store/database.h"
#include "store/statement.h"
#include "store_test_support.h"
#include "tests/support/gold.h"

namespace nianbao::store_test {

class LinkedAgencyStore {
 public:
  explicit LinkedAgencyStore(const std::string& file_name)
      : path_(dir_.file(file_name)), database_(path_), second_(path_, store::OpenMode::existing) {
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
    int64_t report_id =
        query_int(path_, "SELECT id FROM reports WHERE document_id = " + std::to_string(outcome.document_id));
    store::execute(handle(),
                   "UPDATE reports SET agency_id = " + std::to_string(agency_id_) +
                       " WHERE id = " + std::to_string(report_id),
                   "test setup");
    return report_id;
  }

  // Every finding and check (and, with `with_copy_links`, every report's copy_of) as text, for
  // the idempotence checks.
  std::string snapshot(bool with_copy_links) const {
    std::string rows;
    store::Statement row(handle(),
                         std::string(with_copy_links ? "SELECT 'report', id, COALESCE(copy_of, 'null'), '' FROM reports "
                                                       "UNION ALL "
                                                     : "") +
                             "SELECT 'finding', report_id, ordinal, rule || severity || message || cells || origin || "
                             "COALESCE(expected, 'null') || COALESCE(actual, 'null') FROM findings UNION ALL "
                             "SELECT 'check', report_id, rule, passed || '/' || failed || '/' || not_assessable "
                             "FROM checks ORDER BY 1, 2, 3",
                         "test snapshot");
    while (row.step()) {
      rows +=
          row.column_text(0) + " " + row.column_text(1) + " " + row.column_text(2) + " " + row.column_text(3) + "\n";
    }
    return rows;
  }

  int64_t count(const std::string& sql) const { return query_int(path_, sql); }
  std::string text(const std::string& sql) const { return query_text(path_, sql); }
  store::Session& handle() const { return second_.handle(); }
  int64_t agency_id() const { return agency_id_; }
  const std::string& path() const { return path_; }

 private:
  TempDir dir_;
  std::string path_;
  store::Database database_;
  store::Connection second_;  // a second connection, as another process would have
  int64_t agency_id_ = 0;
};

}  // namespace nianbao::store_test
