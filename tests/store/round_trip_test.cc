// Reports read back from the store (either backend) equal what was written: values (NULL vs 0,
// decimals, signs), integral flags, raw text, flags, derived values, locations, findings, tallies.
#include <gtest/gtest.h>

#include "store/database.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::sample_extraction;
using store_test::sample_report;
using store_test::target_text;
using testing::Backend;
using testing::BackendDatabase;

class StoreRoundTrip : public ::testing::TestWithParam<Backend> {};

Report load_only_report(const Database& db) {
  auto loaded = db.load_reports();
  if (loaded.size() != 1) throw std::runtime_error("expected one stored report, found " + std::to_string(loaded.size()));
  return loaded.front().second;
}

void expect_same_cell(const Cell& stored, const Cell& original, const std::string& key) {
  SCOPED_TRACE(key);
  EXPECT_EQ(stored.value, original.value);
  EXPECT_EQ(stored.raw, original.raw);
  EXPECT_EQ(stored.flags, original.flags);
  EXPECT_EQ(stored.derived, original.derived);
  EXPECT_EQ(stored.at.table, original.at.table);
  EXPECT_EQ(stored.at.row, original.at.row);
  EXPECT_EQ(stored.at.col, original.at.col);
  EXPECT_EQ(stored.at.byte_offset, original.at.byte_offset);
  EXPECT_EQ(stored.at.page, original.at.page);
  ASSERT_EQ(stored.at.box.has_value(), original.at.box.has_value());
  if (original.at.box) {
    EXPECT_EQ(stored.at.box->left, original.at.box->left);
    EXPECT_EQ(stored.at.box->top, original.at.box->top);
    EXPECT_EQ(stored.at.box->right, original.at.box->right);
    EXPECT_EQ(stored.at.box->bottom, original.at.box->bottom);
  }
}

Report report_with_edge_cells() {
  Report report = sample_report("抚顺市市场监督管理局", 2021);
  report.cells["t2.license.delta_items"] = store_test::stated_cell(-8, true, "-8", 0, 4, 2);
  Cell blank;  // a blank cell: no value, no derived value, no flags, unknown location
  report.cells["t4.review.pending"] = blank;
  Cell pdf_cell = store_test::stated_cell(0.5, false, "0.50万元", 3, 1, 1);
  pdf_cell.at.page = 7;
  pdf_cell.at.byte_offset = 98765;
  pdf_cell.at.box = BoundingBox{72.25, 100.5, 140.125, 112.0};
  pdf_cell.flags = {"unit_stripped", "quote\"and\\backslash", "换行\n"};
  report.cells["extra.t2.unknown_row"] = pdf_cell;
  Cell stated_and_derived = store_test::stated_cell(12, true, "12", 1, 20, 9);
  stated_and_derived.derived = Number{13, true};
  stated_and_derived.add_flag("derived_total");
  report.cells["t3.result.total.total"] = stated_and_derived;
  return report;
}

TEST_P(StoreRoundTrip, EveryCellComesBackExactly) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  Database db(target.target());
  Report original = report_with_edge_cells();
  db.ingest("doc", "doc.txt", sample_extraction({original}));
  Report stored = load_only_report(db);

  ASSERT_EQ(stored.cells.size(), original.cells.size());
  for (const auto& [key, cell] : original.cells) {
    ASSERT_TRUE(stored.cells.count(key)) << key;
    expect_same_cell(stored.cells.at(key), cell, key);
  }
}

TEST_P(StoreRoundTrip, NullIsNotZeroAndDecimalsKeepTheirDigits) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  std::string path = target.target();
  Database db(path);
  db.ingest("doc", "doc.txt", sample_extraction({report_with_edge_cells()}));
  Report stored = load_only_report(db);

  EXPECT_FALSE(stored.cells.at("t3.result.granted.research").value.has_value());
  EXPECT_EQ(stored.cells.at("t3.result.granted.research").derived, (Number{0, true}));
  EXPECT_EQ(stored.cells.at("t3.carried_over.total").value, (Number{0, true}));
  EXPECT_EQ(stored.cells.at("t2.fee.amount_wan").value, (Number{5949.088667, false}));
  EXPECT_EQ(stored.cells.at("t2.license.delta_items").value, (Number{-8, true}));
  EXPECT_EQ(target_text(path, "SELECT value IS NULL FROM cells WHERE key='t3.result.granted.research'"), "1");
  // A stored 0 is a floating-point zero, not NULL and not text: typeof on SQLite, pg_typeof on PostgreSQL.
  std::string type_of = GetParam() == Backend::sqlite ? "typeof(value)" : "CAST(pg_typeof(value) AS TEXT)";
  EXPECT_EQ(target_text(path, "SELECT " + type_of + " FROM cells WHERE key='t3.carried_over.total'"),
            GetParam() == Backend::sqlite ? "real" : "double precision");
  EXPECT_EQ(target_text(path, "SELECT value FROM cells WHERE key='t3.carried_over.total'"), "0.0");
  EXPECT_EQ(target_text(path, "SELECT value FROM cells WHERE key='t2.fee.amount_wan'"), "5949.088667");
  EXPECT_EQ(target_text(path, "SELECT flags FROM cells WHERE key='t3.result.granted.research'"),
            R"(["null_token","imputed_zero"])");
  EXPECT_EQ(target_text(path, "SELECT src_table IS NULL AND src_page IS NULL FROM cells WHERE key='t4.review.pending'"),
            "1");
}

TEST_P(StoreRoundTrip, MetadataFindingsAndTalliesComeBack) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase target(GetParam());
  Database db(target.target());
  Report original = sample_report("抚顺市市场监督管理局", 2021);
  Report unknown_year = sample_report("某局", 2020);
  unknown_year.report_year.reset();
  unknown_year.published.reset();
  unknown_year.format = Format::not_a_report;
  unknown_year.scope = Scope::region_aggregate;
  db.ingest("doc", "doc.txt", sample_extraction({original, unknown_year}));
  auto loaded = db.load_reports();
  ASSERT_EQ(loaded.size(), 2u);

  // Ordered by agency as SQLite compares UTF-8 bytes: 抚 (E6 8A 9A) before 某 (E6 9F 90).
  const Report& stored = loaded[0].second;
  EXPECT_EQ(stored.title, original.title);
  EXPECT_EQ(stored.agency, original.agency);
  EXPECT_EQ(stored.report_year, 2021);
  EXPECT_EQ(stored.format, Format::f2021);
  EXPECT_EQ(stored.scope, Scope::own_organ);
  EXPECT_EQ(stored.published, "2022-01-20");
  EXPECT_EQ(stored.text, original.text);
  ASSERT_EQ(stored.findings.size(), 3u);
  for (size_t i = 0; i < original.findings.size(); ++i) {
    SCOPED_TRACE(original.findings[i].rule);
    EXPECT_EQ(stored.findings[i].rule, original.findings[i].rule);
    EXPECT_EQ(stored.findings[i].severity, original.findings[i].severity);
    EXPECT_EQ(stored.findings[i].message, original.findings[i].message);
    EXPECT_EQ(stored.findings[i].cells, original.findings[i].cells);
    EXPECT_EQ(stored.findings[i].expected, original.findings[i].expected);
    EXPECT_EQ(stored.findings[i].actual, original.findings[i].actual);
  }
  ASSERT_EQ(stored.checks.size(), 2u);
  EXPECT_EQ(stored.checks.at("T3-1").passed, 6);
  EXPECT_EQ(stored.checks.at("T3-1").failed, 1);
  EXPECT_EQ(stored.checks.at("T4-1").not_assessable, 3);

  const Report& other = loaded[1].second;
  EXPECT_EQ(other.agency, "某局");
  EXPECT_FALSE(other.report_year.has_value());
  EXPECT_FALSE(other.published.has_value());
  EXPECT_EQ(other.format, Format::not_a_report);
  EXPECT_EQ(other.scope, Scope::region_aggregate);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreRoundTrip, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
