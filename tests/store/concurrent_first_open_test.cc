// Several processes' first opens of one new database at once (crawl workers started together): every
// one of them finds the database empty or being migrated by another — never a foreign one — and all
// end at the latest schema, migrated once.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/postgres_connection.h"
#include "store/schema.h"
#include "store/schema_postgres.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using testing::Backend;
using testing::BackendDatabase;

class ConcurrentFirstOpen : public ::testing::TestWithParam<Backend> {};

TEST_P(ConcurrentFirstOpen, OpenersOfANewDatabaseAllSucceedAndItIsMigratedOnce) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  constexpr int kOpeners = 6;
  std::mutex mutex;
  std::vector<std::string> errors;
  std::vector<std::thread> openers;
  for (int number = 0; number < kOpeners; ++number) {
    openers.emplace_back([&] {
      try {
        Database opened(database.target());
      } catch (const std::exception& error) {
        std::lock_guard<std::mutex> lock(mutex);
        errors.push_back(error.what());
      }
    });
  }
  for (std::thread& opener : openers) opener.join();
  EXPECT_TRUE(errors.empty()) << errors.size() << " opens failed, e.g.: " << (errors.empty() ? "" : errors.front());
  std::string version_sql =
      GetParam() == Backend::sqlite ? "SELECT user_version FROM pragma_user_version" : "SELECT version FROM nianbao_schema";
  EXPECT_EQ(testing::backend_one(database.target(), version_sql), std::to_string(latest_schema_version()));
  EXPECT_EQ(testing::backend_one(database.target(), "SELECT count(*) FROM documents"), "0");
}

// The moment between another process's bootstrap (the version table made, version 0) and its first
// migration step: an opener then sees the version table alone, and takes the database for new.
TEST(ConcurrentFirstOpenPostgres, ADatabaseBootstrappedButNotYetMigratedIsOpenedAsNew) {
  NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
  BackendDatabase database(Backend::postgresql);
  PgConnection(database.target()).exec(postgres_bootstrap_sql());
  EXPECT_NO_THROW(Database opened(database.target()));
  EXPECT_EQ(testing::backend_one(database.target(), "SELECT version FROM nianbao_schema"),
            std::to_string(latest_schema_version()));
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentFirstOpen, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
