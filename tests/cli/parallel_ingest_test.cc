// `nianbao ingest -j N` and `reextract -j N` on both backends: the same rows in documents, reports, cells
// and findings as with one worker, per-file lines in input order, and a bad file fails alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/sha256.h"
#include "tests/support/backend_database.h"
#include "tests/support/cli_runner.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using nianbao::testing::CliWorkspace;
using nianbao::testing::CommandResult;
using nianbao::testing::fixture_path;
using nianbao::testing::lines_of;
using nianbao::testing::Backend;
using nianbao::testing::BackendDatabase;

// Rows through the store's own read-only connection, so the same dump reads either backend.
std::vector<std::string> sql_rows(const std::string& target, const std::string& sql) {
  return testing::backend_rows(target, sql);
}

// The stored content, in a fixed order, without the times of storing.
std::vector<std::string> dump(const std::string& db) {
  std::vector<std::string> rows;
  for (const char* sql : {"SELECT id, sha256, size, media_type, charset, origin, extract_status, extract_message, role, title,"
                          " published, published_source, extractor_version FROM documents ORDER BY id",
                          "SELECT * FROM reports ORDER BY id", "SELECT * FROM cells ORDER BY report_id, key",
                          "SELECT * FROM findings ORDER BY id"}) {
    std::vector<std::string> table = sql_rows(db, sql);
    rows.push_back(std::string(sql) + ": " + std::to_string(table.size()) + " rows");
    rows.insert(rows.end(), table.begin(), table.end());
  }
  return rows;
}

// Report documents of every kind under these fixture folders: real pages, PDFs, text seeds.
std::vector<std::string> report_fixtures(const std::vector<std::string>& folders) {
  std::vector<std::string> files;
  for (const std::string& folder : folders) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture_path(folder))) {
      std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() && (extension == ".html" || extension == ".htm" || extension == ".pdf" ||
                                      extension == ".docx" || extension == ".txt"))
        files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

CommandResult ingest(const CliWorkspace& work, const std::string& db, const std::string& jobs,
                     const std::vector<std::string>& files) {
  std::vector<std::string> args = {"ingest", "--db", db, "-j", jobs};
  args.insert(args.end(), files.begin(), files.end());
  return work.run(args);
}

class ParallelIngest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    files_ = report_fixtures({"real", "pdf-producers", "seed", "derived", "copies", "html", "roles"});
    bad_ = fixture_path("bad/pdf_not_really.pdf");
    files_.insert(files_.begin() + static_cast<std::ptrdiff_t>(files_.size() / 3), bad_);
  }
  // A new empty database of the test's backend: `name` in the workspace, or a PostgreSQL database.
  std::string fresh(const std::string& name) {
    if (GetParam() == Backend::sqlite) return work_.file(name);
    databases_.push_back(std::make_unique<BackendDatabase>(Backend::postgresql));
    return databases_.back()->target();
  }

  CliWorkspace work_;
  std::vector<std::unique_ptr<BackendDatabase>> databases_;
  std::vector<std::string> files_;
  std::string bad_;
};

TEST_P(ParallelIngest, FourWorkersStoreTheSameRowsAsOne) {
  ASSERT_GE(files_.size(), 40u);
  std::string one_db = fresh("one.sqlite"), four_db = fresh("four.sqlite");
  CommandResult one = ingest(work_, one_db, "1", files_);
  CommandResult four = ingest(work_, four_db, "4", files_);
  EXPECT_EQ(one.exit_code, 2) << "the bad file fails the run";
  EXPECT_EQ(four.exit_code, one.exit_code);
  EXPECT_EQ(four.out, one.out);
  EXPECT_EQ(four.err, one.err);
  std::vector<std::string> one_rows = dump(one_db), four_rows = dump(four_db);
  EXPECT_GT(one_rows.size(), 1000u) << "documents, reports and cells were stored";
  EXPECT_TRUE(one_rows == four_rows) << "the stored rows differ between -j 1 and -j 4";
}

TEST_P(ParallelIngest, LinesFollowTheInputOrderAndOnlyTheBadFileFails) {
  files_ = report_fixtures({"real", "seed", "derived", "copies", "html"});  // documents that all read
  files_.insert(files_.begin() + static_cast<std::ptrdiff_t>(files_.size() / 2), bad_);
  std::string db = fresh("order.sqlite");
  CommandResult result = ingest(work_, db, "4", files_);
  EXPECT_EQ(result.exit_code, 2);
  std::vector<std::string> expected;
  for (const std::string& file : files_) {
    if (file != bad_) expected.push_back(file);
  }
  std::vector<std::string> printed;
  for (const std::string& line : lines_of(result.out)) printed.push_back(line.substr(0, line.find(": ")));
  EXPECT_EQ(printed, expected) << "one line per good file, in the order given";
  std::vector<std::string> errors = lines_of(result.err);
  ASSERT_EQ(errors.size(), 1u) << result.err;
  EXPECT_NE(errors[0].find(bad_), std::string::npos) << errors[0];
  EXPECT_EQ(result.err.find('\r'), std::string::npos) << "no progress line on a pipe";
  std::vector<std::string> first_of_each_content;  // the same bytes are stored once, under their first file
  std::set<std::string> contents;
  for (const std::string& file : expected) {
    if (contents.insert(sha256_hex(testing::slurp(file))).second) first_of_each_content.push_back(file);
  }
  std::vector<std::string> origins = sql_rows(db, "SELECT origin FROM documents ORDER BY id");
  EXPECT_EQ(origins, first_of_each_content) << "every good file is stored, in input order";
}

TEST_P(ParallelIngest, ReextractWithTwoWorkersWritesWhatOneWrites) {
  std::string one_db = fresh("re-one.sqlite"), two_db = fresh("re-two.sqlite");
  if (GetParam() == Backend::sqlite) {  // one ingest, copied as a file
    std::string source = work_.file("source.sqlite");
    CommandResult stored = ingest(work_, source, "2", files_);
    ASSERT_EQ(stored.exit_code, 2) << stored.err;
    std::filesystem::copy_file(source, one_db);
    std::filesystem::copy_file(source, two_db);
  } else {  // a PostgreSQL database is not a file: the same ingest twice
    for (const std::string& db : {one_db, two_db}) {
      CommandResult stored = ingest(work_, db, "2", files_);
      ASSERT_EQ(stored.exit_code, 2) << stored.err;
    }
  }
  std::string documents = testing::backend_one(one_db, "SELECT count(*) FROM documents");
  CommandResult one = work_.run({"reextract", "--db", one_db, "--all", "-j", "1"});
  CommandResult two = work_.run({"reextract", "--db", two_db, "--all", "-j", "2"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.out, one.out);
  EXPECT_NE(one.out.find("re-extracted " + documents + " of " + documents + " "), std::string::npos) << one.out;
  EXPECT_EQ(two.err, "");
  EXPECT_TRUE(dump(one_db) == dump(two_db)) << "the re-extracted rows differ between -j 1 and -j 2";
}

INSTANTIATE_TEST_SUITE_P(Backends, ParallelIngest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao
