// Statements on a PostgreSQL session (store/postgres_session.cc): one run goes as text, a second run
// with parameters of the same types prepares it on the server, each type signature once, and the
// server statement is freed with the Statement; results are the same either way.
#include <gtest/gtest.h>

#include "store/postgres_session.h"
#include "store/statement.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using testing::Backend;
using testing::BackendDatabase;

int64_t server_statements(Session& db) {
  Statement count(db, "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'nianbao\\_%'", "test");
  count.step();
  return count.column_int64(0);
}

TEST(PostgresStatement, ARepeatedStatementIsPreparedOncePerParameterTypesAndFreedWithIt) {
  NIANBAO_REQUIRE_BACKEND(Backend::postgresql);
  BackendDatabase database(Backend::postgresql);
  PostgresSession db(database.target());
  db.execute("CREATE TABLE t (k text, v double precision)", "test");
  {
    Statement insert(db, "INSERT INTO t VALUES (?1, ?2) RETURNING v", "test insert");
    insert.bind(1, "a").bind(2, 1.5);
    ASSERT_TRUE(insert.step());
    EXPECT_EQ(insert.column_double(0), 1.5);
    insert.reset();
    EXPECT_EQ(server_statements(db), 0) << "a statement run once is not prepared";
    for (int row = 0; row < 3; ++row) {
      insert.bind(1, "b" + std::to_string(row)).bind(2, row + 0.25);
      ASSERT_TRUE(insert.step());
      EXPECT_EQ(insert.column_double(0), row + 0.25) << "the prepared statement answers as the text did";
      insert.reset();
    }
    EXPECT_EQ(server_statements(db), 1) << "prepared at the second run, reused after";
    insert.bind(1, "c").bind_null(2);  // other parameter types: text once, then their own statement
    insert.step();
    insert.reset();
    insert.bind(1, "d").bind_null(2);
    insert.step();
    insert.reset();
    EXPECT_EQ(server_statements(db), 2);
  }
  EXPECT_EQ(server_statements(db), 0) << "freed with the Statement";
  Statement rows(db, "SELECT count(*), count(v) FROM t", "test");
  rows.step();
  EXPECT_EQ(rows.column_int64(0), 6);
  EXPECT_EQ(rows.column_int64(1), 4);
}

}  // namespace
}  // namespace nianbao::store
