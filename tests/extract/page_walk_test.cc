// The one walk of a parsed page (walk_page) gives each part by its own rules: metas and the first
// title anywhere, anchors outside invisible elements (chrome included), text and tables outside
// chrome, and the tables of a <template> without its text; the tree comes from a ParseArena.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extract/html/gumbo_document.h"
#include "extract/html/node_text.h"
#include "extract/html/page_metadata.h"
#include "extract/html/page_text.h"
#include "extract/html/parse_arena.h"

namespace nianbao {
namespace {

MappedText identity_text(const std::string& html) {
  MappedText text;
  text.utf8 = html;
  text.identity = true;
  return text;
}

std::vector<std::string> texts_of(const std::vector<const GumboNode*>& nodes) {
  std::vector<std::string> texts;
  for (const GumboNode* node : nodes) texts.push_back(node_text(node).text);
  return texts;
}

const char* const kPage =
    "<html><head><title>年报_栏目</title><meta name='PubDate' content='2024-03-01'>"
    "<script>var a = '<a href=x>in script</a>';</script></head><body>"
    "<nav><a href='/home'>首页</a><table><tr><td>导航表</td></tr></table></nav>"
    "<meta name='ArticleTitle' content='正文标题'>"
    "<p>正文<a href='/file.pdf'>附件</a></p>"
    "<table><tr><td>一</td><td>2</td></tr></table>"
    "<noscript><a href='/hidden'>隐藏</a></noscript>"
    "<template><table><tr><td>模板表</td></tr></table><p>模板文字</p></template>"
    "<title>second title</title></body></html>";

TEST(PageWalk, MetasAndTheFirstTitleAreFoundAnywhere) {
  std::string html = kPage;
  MappedText decoded = identity_text(html);
  GumboDocument page(decoded.utf8);
  PageWalk walked = walk_page(page.root(), decoded);
  ASSERT_EQ(walked.head.metas.size(), 2u);  // one in <head>, one in <body>
  ASSERT_NE(walked.head.title, nullptr);
  EXPECT_EQ(node_text(walked.head.title).text, "年报_栏目");
  PageMetadata metadata = read_page_metadata(walked.head);
  EXPECT_EQ(metadata.title, "正文标题");
  EXPECT_EQ(metadata.published, "2024-03-01");
}

TEST(PageWalk, AnchorsIncludeChromeButNotInvisibleElements) {
  std::string html = kPage;
  MappedText decoded = identity_text(html);
  GumboDocument page(decoded.utf8);
  PageWalk walked = walk_page(page.root(), decoded);
  EXPECT_EQ(texts_of(walked.anchors), (std::vector<std::string>{"首页", "附件"}));
}

TEST(PageWalk, TextAndTablesLeaveChromeOutAndTemplatesGiveOnlyTheirTables) {
  std::string html = kPage;
  MappedText decoded = identity_text(html);
  GumboDocument page(decoded.utf8);
  PageWalk walked = walk_page(page.root(), decoded);
  ASSERT_EQ(walked.text.tables.size(), 2u);  // the body's table, then the template's; not the nav's
  EXPECT_NE(node_text(walked.text.tables[0]).text.find("一"), std::string::npos);
  EXPECT_NE(node_text(walked.text.tables[1]).text.find("模板表"), std::string::npos);
  EXPECT_EQ(walked.text.table_captions.size(), 1u);  // captions come from the text walk only
  const std::string& text = walked.text.text.utf8;
  EXPECT_NE(text.find("正文"), std::string::npos);
  EXPECT_NE(text.find("一 | 2"), std::string::npos);
  EXPECT_EQ(text.find("首页"), std::string::npos);
  EXPECT_EQ(text.find("导航表"), std::string::npos);
  EXPECT_EQ(text.find("模板"), std::string::npos);
  EXPECT_EQ(page_text(page.root(), decoded).text.utf8, text);
}

TEST(ParseArena, HandsOutAlignedDistinctWritableMemoryOfAnySize) {
  ParseArena arena;
  std::vector<char*> pieces;
  for (size_t size : {1u, 7u, 16u, 100u, 3000u, 20000u, 70000u, 5u}) {
    for (int copy = 0; copy < 50; ++copy) {
      auto* piece = static_cast<char*>(arena.allocate(size));
      ASSERT_NE(piece, nullptr);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(piece) % alignof(std::max_align_t), 0u);
      for (size_t i = 0; i < size; ++i) piece[i] = static_cast<char>(pieces.size());
      pieces.push_back(piece);
    }
  }
  size_t index = 0;
  for (size_t size : {1u, 7u, 16u, 100u, 3000u, 20000u, 70000u, 5u}) {
    for (int copy = 0; copy < 50; ++copy, ++index) {
      EXPECT_EQ(pieces[index][0], static_cast<char>(index)) << size;
      EXPECT_EQ(pieces[index][size - 1], static_cast<char>(index)) << size;
    }
  }
}

}  // namespace
}  // namespace nianbao
