// The rule ids of the findings the extractor raises for the structure of a document's tables
// (S1–S5), beside spec §10's own ids. docs/finding-rules.md lists every id with an example.
#pragma once

namespace nianbao {

// A standard table (表二, 表三 or 表四) is absent, or the document uses the vocabulary of the
// tables but none could be read.
inline constexpr const char* kTableMissingRule = "S1";
// A table is there but some of its cells were not printed: it stops early or has gaps.
inline constexpr const char* kTableIncompleteRule = "S2";
// A row is not a row of the standard table (or not of this format): kept under extra.* keys.
inline constexpr const char* kRowNotStandardRule = "S3";
// The same canonical cell was printed more than once; the first reading is kept.
inline constexpr const char* kPrintedTwiceRule = "S4";
// A row prints too many or too few values, or values could only be placed by their order.
inline constexpr const char* kRowValueCountRule = "S5";
// Spec §10.1 V4: a number cell holds text (not a number, zero or a placeholder).
inline constexpr const char* kTextInNumberCellRule = "V4";

// Spec §10 text checks: the prose against the tables, and two plausibility checks of 表二.
inline constexpr const char* kProseApplicationsRule = "T3-8";
inline constexpr const char* kProseDisputesRule = "T4-2";
inline constexpr const char* kRegulationPowerRule = "T2-6";
inline constexpr const char* kFeeMagnitudeRule = "T2-7";

}  // namespace nianbao
