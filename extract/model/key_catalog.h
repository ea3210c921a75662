// The canonical cell keys of spec §4–§6 for both table formats, in the official table order, with
// the printed labels. The recognizer, the validator, the store and `nianbao show` all use this list.
#pragma once

#include <string>
#include <vector>

#include "extract/model/report.h"

namespace nianbao {

// A table-二 row: `t2.<row>.<column>` for each of `columns`.
struct Table2Row {
  std::string block;  // 第二十条第（一）项 …
  std::string row;    // key part: regulation, normative_doc …
  std::string label;  // 规章, 规范性文件 / 行政规范性文件 …
  std::vector<std::string> columns;        // key parts: issued, repealed, in_force …
  std::vector<std::string> column_labels;  // 本年制发件数 …
};

// A table-三 row: `t3.<row>.<applicant column>` for each of the seven applicant columns.
struct Table3Row {
  std::string row;    // key part: new_received, result.denied.state_secret …
  std::string label;  // the printed label of the row's most specific level
  int level = 1;      // 1: 一、…; 2: （一）…; 3: 1.…
};

// The seven applicant columns of table 三, in printed order.
const std::vector<std::string>& table3_columns();
const std::vector<std::string>& table3_column_labels();

// Table 四: the 15 cells in printed (linear) order: review, suit_direct, suit_after_review × 5.
const std::vector<std::string>& table4_groups();
const std::vector<std::string>& table4_outcomes();
const std::vector<std::string>& table4_group_labels();
const std::vector<std::string>& table4_outcome_labels();
std::vector<std::string> table4_keys();

const std::vector<Table2Row>& table2_rows(Format format);
const std::vector<Table3Row>& table3_rows(Format format);

// Every key a complete report of `format` has (198 for f2019, 200 for f2021; none otherwise).
std::vector<std::string> all_keys(Format format);

}  // namespace nianbao
