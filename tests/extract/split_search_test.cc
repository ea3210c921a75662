// The split search on its own: cutting run-together digits into a row's cells under its sums,
// spaces as hard boundaries, signs and decimals only where the layout allows them, vanished blanks,
// and the table's identities choosing among the readings of ambiguous rows.
#include <gtest/gtest.h>

#include "extract/recover/split_search.h"

namespace nianbao {
namespace {

std::vector<RunToken> tokens_of(const std::string& printed) {
  std::vector<RunToken> tokens;
  size_t at = 0;
  while (at < printed.size()) {
    size_t end = printed.find(' ', at);
    if (end == std::string::npos) end = printed.size();
    if (end > at) tokens.push_back({printed.substr(at, end - at), at});
    at = end + 1;
  }
  return tokens;
}

// 表三: seven applicant columns, 总计 = the six others.
RowLayout table3_row() {
  RowLayout layout;
  layout.columns.assign(7, ColumnKind::count);
  layout.sums.push_back({6, {0, 1, 2, 3, 4, 5}});
  return layout;
}

std::vector<std::string> readings_of(const RowReadings& read) {
  std::vector<std::string> described;
  for (const RowReading& reading : read.readings) described.push_back(describe_reading(reading));
  return described;
}

TEST(SplitSearch, SevenDigitsForSevenColumnsIsTheOnlyReading) {
  RowReadings read = read_row_splits(tokens_of("6000017"), table3_row());
  EXPECT_EQ(readings_of(read), std::vector<std::string>{"6|0|0|0|0|1|7"});
}

TEST(SplitSearch, ForcedSplitIsKeptEvenWhenItsTotalDoesNotAddUp) {
  // Seven digits can only be seven cells: a wrong total is the document's error, not a reason to drop it.
  RowReadings read = read_row_splits(tokens_of("1000003"), table3_row());
  EXPECT_EQ(readings_of(read), std::vector<std::string>{"1|0|0|0|0|0|3"});
}

TEST(SplitSearch, SpacesAreHardBoundariesAndTheSumPicksTheSplit) {
  // 平潭 2020 一、本年新收 "200 000121": only 20|0 + 0|0|0|1|21 has 总计 = the sum.
  RowReadings read = read_row_splits(tokens_of("200 000121"), table3_row());
  ASSERT_EQ(readings_of(read), std::vector<std::string>{"20|0|0|0|0|1|21"});
  const RowReading& reading = read.readings.front();
  EXPECT_EQ(reading.cells[0]->offset, 0u);
  EXPECT_EQ(reading.cells[5]->offset, 7u);  // the "1" of "000121"
  EXPECT_EQ(reading.cells[6]->offset, 8u);
  EXPECT_TRUE(reading.cells[0]->cut);
  EXPECT_EQ(*reading.cells[6]->value, 21);
}

TEST(SplitSearch, NoLeadingZeros) {
  // "0|07" is not a reading of "007": a printed number never starts with 0.
  RowLayout three;
  three.columns.assign(3, ColumnKind::count);
  EXPECT_EQ(readings_of(read_row_splits(tokens_of("007"), three)), std::vector<std::string>{"0|0|7"});
}

TEST(SplitSearch, SeveralSumConsistentSplitsAreAllReturned) {
  // 平潭 2021 （一）予以公开 "270020130": two splits keep 总计 = the sum; the row alone cannot choose.
  RowReadings read = read_row_splits(tokens_of("270020130"), table3_row());
  std::vector<std::string> described = readings_of(read);
  EXPECT_EQ(described.size(), 2u);
  EXPECT_NE(std::find(described.begin(), described.end(), "27|0|0|2|0|1|30"), described.end());
}

TEST(SplitSearch, SignOnlyInTheSignedColumnDecimalsOnlyInAmounts) {
  // 2019 表二 行政处罚 "2648-18538": the minus opens 本年增/减, so 上一年项目数量 is 2648 in every reading.
  RowLayout items;
  items.columns = {ColumnKind::count, ColumnKind::signed_count, ColumnKind::count};
  RowReadings read = read_row_splits(tokens_of("2648-18538"), items);
  EXPECT_EQ(read.readings.size(), 4u);
  for (const RowReading& reading : read.readings) EXPECT_EQ(reading.cells[0]->text, "2648");
  // A count column takes no decimals: "35.5" is no reading of two counts.
  RowLayout counts;
  counts.columns.assign(2, ColumnKind::count);
  EXPECT_TRUE(read_row_splits(tokens_of("35.5"), counts).readings.empty());
  // An amount keeps its decimals and its unit.
  RowLayout procurement;
  procurement.columns = {ColumnKind::count, ColumnKind::amount};
  RowReadings amount = read_row_splits(tokens_of("135 75394432.52元"), procurement);
  ASSERT_EQ(readings_of(amount), std::vector<std::string>{"135|75394432.52元"});
  EXPECT_DOUBLE_EQ(*amount.readings.front().cells[1]->value, 75394432.52);
}

TEST(SplitSearch, PlaceholdersAreCellsWithoutValue) {
  RowLayout items;
  items.columns = {ColumnKind::count, ColumnKind::signed_count, ColumnKind::count};
  RowReadings read = read_row_splits(tokens_of("12 - 5"), items);
  ASSERT_EQ(readings_of(read), std::vector<std::string>{"12|-|5"});
  EXPECT_FALSE(read.readings.front().cells[1]->value);
}

TEST(SplitSearch, VanishedBlanksArePlacedEveryWayTheSumAllows) {
  // "5 3 8" for seven columns: 8 must be 总计; 5 and 3 may sit in any two of the six others.
  RowReadings read = read_row_splits(tokens_of("5 3 8"), table3_row());
  EXPECT_EQ(read.readings.size(), 15u);
  for (const RowReading& reading : read.readings) {
    EXPECT_TRUE(reading.has_blanks());
    EXPECT_EQ(reading.cells[6]->text, "8");
  }
}

TEST(SplitSearch, Table4SeventeenDigitsForFifteenCells) {
  // 平潭 2021 表四 "10203120001200000": every group's 总计 = its four parts leaves one reading.
  RowLayout table4;
  table4.columns.assign(15, ColumnKind::count);
  table4.sums = {{4, {0, 1, 2, 3}}, {9, {5, 6, 7, 8}}, {14, {10, 11, 12, 13}}};
  RowReadings read = read_row_splits(tokens_of("10203120001200000"), table4);
  EXPECT_EQ(readings_of(read), std::vector<std::string>{"1|0|2|0|3|12|0|0|0|12|0|0|0|0|0"});
}

TEST(SplitSearch, TableIdentitiesChooseAmongAmbiguousRows) {
  // Row 0 reads two ways; row 1 is fixed; identity row0 = row1 keeps only the reading that matches.
  RowLayout two;
  two.columns.assign(2, ColumnKind::count);
  std::vector<std::vector<RowReading>> rows = {read_row_splits(tokens_of("123"), two).readings,
                                               read_row_splits(tokens_of("12 3"), two).readings};
  ASSERT_EQ(rows[0].size(), 2u);  // 1|23, 12|3
  TableChoice choice = choose_readings(rows, 2, {{{0}, {1}}});
  ASSERT_EQ(choice.surviving[0].size(), 1u);
  EXPECT_EQ(describe_reading(rows[0][choice.surviving[0].front()]), "12|3");
  EXPECT_EQ(choice.surviving[1], std::vector<size_t>{0});
}

TEST(SplitSearch, IdentitiesOfFixedRowsDecideNothingAndUnsatisfiableOnesLeaveNoReading) {
  RowLayout two;
  two.columns.assign(2, ColumnKind::count);
  // Two fixed rows that disagree (the document's own error): both keep their one reading.
  std::vector<std::vector<RowReading>> fixed = {read_row_splits(tokens_of("1 2"), two).readings,
                                                read_row_splits(tokens_of("3 4"), two).readings};
  TableChoice kept = choose_readings(fixed, 2, {{{0}, {1}}});
  EXPECT_EQ(kept.surviving[0].size(), 1u);
  EXPECT_EQ(kept.surviving[1].size(), 1u);
  // An ambiguous row no reading of which satisfies the identity: none survives (its cells stay null).
  std::vector<std::vector<RowReading>> rows = {read_row_splits(tokens_of("123"), two).readings,
                                               read_row_splits(tokens_of("9 9"), two).readings};
  TableChoice choice = choose_readings(rows, 2, {{{0}, {1}}});
  EXPECT_TRUE(choice.surviving[0].empty());
}

TEST(SplitSearch, ARowWithoutReadingsIsLeftOutOfItsIdentities) {
  RowLayout two;
  two.columns.assign(2, ColumnKind::count);
  std::vector<std::vector<RowReading>> rows = {read_row_splits(tokens_of("123"), two).readings, {}};
  TableChoice choice = choose_readings(rows, 2, {{{0}, {1}}});
  EXPECT_EQ(choice.surviving[0].size(), 2u);  // nothing decides between 1|23 and 12|3
  EXPECT_TRUE(choice.surviving[1].empty());
}

}  // namespace
}  // namespace nianbao
