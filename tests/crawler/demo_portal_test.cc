// Acceptance on the bundled demo portal: every report (平潭 all years, TRS, Hanweb) and attachment
// listed in fixtures/portal/expected_documents.tsv is found, delivered once, byte-exact, stored once
// as a document and tagged with its portal's seed; a second run revalidates with conditional GET
// (304s, nothing new) and a changed page becomes a new version. The server's audit states: editions
// of a page (edited after publication) and a column answering an HTTP error.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "common/sha256.h"
#include "demo/portal_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

std::vector<std::string> expected_document_paths() {
  std::ifstream in(testing::fixture_path("portal/expected_documents.tsv"));
  std::vector<std::string> paths;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) paths.push_back(line.substr(0, line.find('\t')));
  return paths;
}

std::vector<std::string> demo_seeds(const std::string& base) {
  return {base + "/pingtan/zwgk/zfxxgk/index.htm", base + "/trs/xxgk/index.html", base + "/hanweb/index.html"};
}

CrawlOptions demo_options() {
  CrawlOptions options = testing::fast_options();
  options.delay_seconds = 0.01;
  return options;
}

TEST(DemoPortal, EveryReportAndAttachmentIsFoundOnceAndByteExact) {
  testing::TempDir dir;
  demo::PortalServer server(testing::fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  std::string db = dir.file("demo.sqlite");
  auto result = testing::crawl(db, demo_seeds(server.base_url()), demo_options());
  ASSERT_TRUE(result.summary.finished);
  std::vector<std::string> expected = expected_document_paths();
  ASSERT_GE(expected.size(), 30u);
  std::set<std::string> distinct_contents;
  for (const std::string& path : expected) {
    std::string url = server.base_url() + path;
    ASSERT_EQ(result.documents.count(url), 1u) << url << " must be delivered exactly once";
    std::string on_disk = testing::read_bytes(testing::fixture_path("portal/site" + path));
    std::string sha = sha256_hex(on_disk);
    EXPECT_EQ(result.documents.find(url)->second, sha) << url << " must be byte-exact";
    distinct_contents.insert(sha);
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM document_origins o JOIN documents d ON d.id = o.document_id"
                                     " WHERE d.sha256='" + sha + "' AND o.origin='" + url + "'"),
              "1")
        << url << " is recorded as an origin of its stored body";
  }
  EXPECT_EQ(result.documents.size(), expected.size()) << "nothing but reports and attachments is delivered";
  for (const std::string& sha : distinct_contents) {
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM documents WHERE sha256='" + sha + "'"), "1");
    EXPECT_EQ(testing::query_one(db, "SELECT extract_status FROM documents WHERE sha256='" + sha + "'"), "raw")
        << "the crawler stores bodies; extraction is the sink's business";
    EXPECT_EQ(testing::query_one(db, "SELECT length(bytes) = size FROM documents WHERE sha256='" + sha + "'"), "1");
  }
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_urls u WHERE u.content_sha256 IS NOT NULL AND NOT EXISTS"
                                   " (SELECT 1 FROM documents d WHERE d.sha256 = u.content_sha256)"),
            "0")
      << "every stored copy a URL points to is a document";
  EXPECT_EQ(result.summary.stats.errors, 0);
}

TEST(DemoPortal, EveryDocumentCarriesTheSeedOfThePortalItWasFoundOn) {
  testing::TempDir dir;
  demo::PortalServer server(testing::fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  std::vector<std::string> urls = demo_seeds(server.base_url());
  std::vector<Seed> seeds = {{"平潭综合实验区", "350128", "county", urls[0]},
                             {"洪泽区", "320813", "county", urls[1]},
                             {"演示", "000000", "demo", urls[2]}};
  std::vector<std::string> sections = {"/pingtan/", "/trs/", "/hanweb/"};
  auto result = testing::crawl_seeds(dir.file("demo.sqlite"), seeds, demo_options());
  ASSERT_TRUE(result.summary.finished);
  std::vector<std::string> expected = expected_document_paths();
  ASSERT_EQ(result.seeds.size(), expected.size());
  std::set<std::string> agencies_seen;
  for (const std::string& path : expected) {
    size_t section = 0;
    while (section < sections.size() && path.rfind(sections[section], 0) != 0) ++section;
    ASSERT_LT(section, sections.size()) << path << " belongs to none of the three portals";
    std::string url = server.base_url() + path;
    ASSERT_EQ(result.seeds.count(url), 1u) << url;
    const Seed& got = result.seeds.at(url);
    EXPECT_EQ(got.agency, seeds[section].agency) << url;
    EXPECT_EQ(got.region_code, seeds[section].region_code) << url;
    EXPECT_EQ(got.level, seeds[section].level) << url;
    agencies_seen.insert(got.agency);
  }
  EXPECT_EQ(agencies_seen.size(), 3u) << "each portal delivered documents";
}

TEST(DemoPortal, RecrawlRevalidatesWithConditionalGetAndKeepsChangedPagesAsNewVersions) {
  testing::TempDir dir;
  std::filesystem::path site = dir.path() / "site";
  std::filesystem::copy(testing::fixture_path("portal/site"), site, std::filesystem::copy_options::recursive);
  demo::PortalServer server(site.string());
  server.start("127.0.0.1", 0);
  std::string db = dir.file("demo.sqlite");
  auto first = testing::crawl(db, demo_seeds(server.base_url()), demo_options());
  ASSERT_TRUE(first.summary.finished);

  std::string edited = "/pingtan/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm";
  std::string bytes = testing::read_bytes((site / edited.substr(1)).string());
  std::ofstream((site / edited.substr(1)).string(), std::ios::binary | std::ios::app) << "<!-- corrected after publication -->";

  auto second = testing::crawl(db, demo_seeds(server.base_url()), demo_options());
  ASSERT_TRUE(second.summary.finished);
  EXPECT_FALSE(second.summary.resumed);
  ASSERT_EQ(second.documents.size(), 1u) << "only the edited page is new";
  std::string url = server.base_url() + edited;
  EXPECT_EQ(second.documents.begin()->first, url);
  EXPECT_NE(second.documents.begin()->second, first.documents.find(url)->second);
  EXPECT_GT(second.summary.stats.not_modified, 30) << "unchanged pages answer 304 to If-None-Match";
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(DISTINCT sha256) FROM crawl_fetches WHERE url='" + url + "' AND sha256 IS NOT NULL"), "2")
      << "both versions are kept";
}

// The edited page of the audit cases: the original, and the bytes served from edition 2 on.
const std::string kEditedPage = "/audit/czj/xxgknb/202301/t20230120_7001.html";
const std::string kEditedPageEdition2 = "/audit/czj/xxgknb/202301/t20230120_7001.edition2.html";
const std::string kFailingColumn = "/audit/jtj/xxgknb/index.html";

TEST(DemoPortal, EditionTwoServesTheEditedPageAndHidesTheServersOwnFiles) {
  demo::PortalServer server(testing::fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  httplib::Client client("127.0.0.1", server.port());
  std::string original = testing::read_bytes(testing::fixture_path("portal/site" + kEditedPage));
  std::string edited = testing::read_bytes(testing::fixture_path("portal/site" + kEditedPageEdition2));
  ASSERT_NE(original, edited);
  EXPECT_EQ(server.edition(), 1);
  auto first = client.Get(kEditedPage);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, original);
  server.set_edition(2);
  auto second = client.Get(kEditedPage);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, edited);
  EXPECT_NE(second->get_header_value("ETag"), first->get_header_value("ETag")) << "a changed page has a new ETag";
  auto revalidated = client.Get(kEditedPage, {{"If-None-Match", first->get_header_value("ETag")}});
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 200) << "the old ETag no longer matches";
  for (const std::string& hidden : {kEditedPageEdition2, kFailingColumn + ".status"}) {
    auto response = client.Get(hidden);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404) << hidden << " is the server's state, not a page";
  }
  server.set_edition(1);
  auto back = client.Get(kEditedPage);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->body, original) << "editions are a switch, not a one-way change";
}

TEST(DemoPortal, AStatusFileMakesItsPageAnswerThatStatusAndHeaders) {
  demo::PortalServer server(testing::fixture_path("portal/site"));
  server.start("127.0.0.1", 0);
  httplib::Client client("127.0.0.1", server.port());
  std::string status_file = testing::read_bytes(testing::fixture_path("portal/site" + kFailingColumn + ".status"));
  int status = std::stoi(status_file);
  ASSERT_GE(status, 500) << "the failing column answers a server error";
  std::string header_line = status_file.substr(status_file.find('\n') + 1);
  std::string header_name = header_line.substr(0, header_line.find(':'));
  std::string header_value = header_line.substr(header_line.find(':') + 2, header_line.find('\n') - header_line.find(':') - 2);
  ASSERT_EQ(header_name, "Retry-After");
  for (const std::string& path : {kFailingColumn, std::string("/audit/jtj/xxgknb/")}) {
    auto response = client.Get(path);
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, status) << path;
    EXPECT_EQ(response->get_header_value(header_name.c_str()), header_value) << path;
    EXPECT_EQ(response->body, testing::read_bytes(testing::fixture_path("portal/site" + kFailingColumn)));
    EXPECT_FALSE(response->has_header("ETag")) << "an error page is not revalidated";
  }
}

}  // namespace
}  // namespace nianbao::crawler
