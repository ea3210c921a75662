// JSON string lists (cell flags, a finding's cells): the encoder, the C++ decoder of string arrays,
// and the backend's own JSON functions for any other array, agreeing on both backends.
#include "store/json_text.h"

#include <gtest/gtest.h>

#include "store/connection.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

TEST(JsonText, EncodedListsDecodeToTheSameStrings) {
  std::vector<std::vector<std::string>> lists = {
      {}, {"blank"}, {"blank", "derived_total"}, {"quote \" back\\slash", "tab\tline\nend", "平潭综合实验区"}};
  for (const auto& list : lists) {
    std::string json = to_json_array(list);
    SCOPED_TRACE(json);
    EXPECT_EQ(parse_json_string_array(json), list);
  }
  EXPECT_EQ(to_json_array({"a\x01"}), "[\"a\\u0001\"]");
}

TEST(JsonText, TheDecoderReadsEitherBackendsSpellingAndEscapes) {
  using List = std::vector<std::string>;
  EXPECT_EQ(parse_json_string_array("[\"a\", \"b\"]"), (List{"a", "b"}));  // PostgreSQL's jsonb text
  EXPECT_EQ(parse_json_string_array(" [ ] "), List{});
  EXPECT_EQ(parse_json_string_array("[\"\\u5e73\\/\\ud83d\\ude00\"]"), List{"平/\xF0\x9F\x98\x80"});
  for (const char* other : {"[1,\"a\"]", "[null]", "[\"a\",]", "[\"a\"", "{\"a\":1}", "", "[\"a\"] x", "[\"\\x\"]"}) {
    EXPECT_EQ(parse_json_string_array(other), std::nullopt) << other;
  }
}

class JsonArrayReading : public ::testing::TestWithParam<testing::Backend> {};

TEST_P(JsonArrayReading, ArraysOfOtherValuesAreDecodedByTheBackend) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  testing::BackendDatabase database(GetParam());
  Connection connection(database.target(), OpenMode::create);
  JsonArrayReader reader(connection.handle());
  EXPECT_EQ(reader.read("[\"blank\",\"derived_total\"]"), (std::vector<std::string>{"blank", "derived_total"}));
  EXPECT_EQ(reader.read("[3, \"a\"]"), (std::vector<std::string>{"3", "a"}));
  EXPECT_EQ(reader.read("[2.5,\"b\"]"), (std::vector<std::string>{"2.5", "b"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, JsonArrayReading, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
