// Pages nested deeper than any real page are refused by the HTML reader with a clear status instead
// of driving Gumbo into quadratic time or a stack overflow; ordinary nesting still reads.
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"

namespace nianbao {
namespace {

std::string nested_page(int depth, const std::string& inner) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>深层页面</title></head><body>";
  for (int level = 0; level < depth; ++level) page += "<div>";
  page += inner;
  for (int level = 0; level < depth; ++level) page += "</div>";
  return page + "</body></html>";
}

TEST(HtmlNesting, APageNestedThirtyThousandDivsDeepIsUnreadableWithTheReason) {
  std::string page = nested_page(30000, "<p>正文</p>");
  Extraction extraction = extract_document({page, "deep.html", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::unreadable);
  EXPECT_NE(extraction.message.find("deep.html"), std::string::npos) << extraction.message;
  EXPECT_NE(extraction.message.find("30000 elements open at once"), std::string::npos) << extraction.message;
  EXPECT_TRUE(extraction.reports.empty());
}

TEST(HtmlNesting, UnclosedDivsCountTooEvenWithoutEndTags) {
  std::string page = "<html><body>";
  for (int level = 0; level < 20000; ++level) page += "<span>";
  Extraction extraction = extract_document({page, "unclosed.html", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::unreadable);
  EXPECT_NE(extraction.message.find("nested too deep"), std::string::npos) << extraction.message;
}

TEST(HtmlNesting, AThousandLevelsStillRead) {
  std::string page = nested_page(1000, "<p>关于政府信息公开工作的说明</p>");
  Extraction extraction = extract_document({page, "ordinary.html", ""});
  EXPECT_EQ(extraction.status, ExtractStatus::ok) << extraction.message;
  EXPECT_EQ(extraction.title, "深层页面");
}

}  // namespace
}  // namespace nianbao
