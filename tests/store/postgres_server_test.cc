// The throwaway PostgreSQL test server (tests/support/postgres_server.h) and the libpq layer
// (store/postgres_connection.h): start, separate databases, byte-exact bytea, SQLSTATE errors, skip.
#include "store/postgres_connection.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "common/sha256.h"
#include "store_test_support.h"
#include "tests/support/postgres_server.h"

namespace nianbao::store {
namespace {

using testing::PostgresServer;
using testing::PostgresState;

// Sets an environment variable for one scope, restoring the previous value (or its absence).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// The uid of a running process, from /proc/<pid>/status ("Uid:\t<real>\t<effective>...").
std::optional<unsigned> process_uid(int64_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Uid:", 0) == 0) return static_cast<unsigned>(std::stoul(line.substr(4)));
  }
  return std::nullopt;
}

bool process_alive(int64_t pid) { return kill(static_cast<pid_t>(pid), 0) == 0; }

// The postmaster's pid: the first line of <data>/postmaster.pid.
int64_t postmaster_pid(const std::string& directory) {
  std::ifstream pid_file(directory + "/data/postmaster.pid");
  int64_t pid = 0;
  pid_file >> pid;
  return pid;
}

std::string all_byte_values() {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  return bytes;
}

TEST(PostgresServer, StartsAsAnUnprivilegedUserOnAUnixSocketOnlyAndAnswersSelect1) {
  NIANBAO_REQUIRE_POSTGRES(server);
  PgConnection connection(server.uri());
  EXPECT_EQ(connection.exec("SELECT 1").integer(0, 0), 1);

  PgResult who = connection.exec(
      "SELECT current_user, current_database(), current_setting('listen_addresses'),"
      " current_setting('unix_socket_directories'), pg_backend_pid(), current_setting('server_encoding')");
  EXPECT_EQ(who.text(0, 0), "nianbao");
  EXPECT_EQ(who.text(0, 1), "nianbao");
  EXPECT_EQ(who.text(0, 2), "") << "the test server must not listen on TCP";
  EXPECT_EQ(who.text(0, 3), server.directory());
  EXPECT_EQ(who.text(0, 5), "UTF8");
  std::optional<unsigned> backend_uid = process_uid(who.integer(0, 4));
  ASSERT_TRUE(backend_uid) << "backend process " << who.text(0, 4) << " not found in /proc";
  EXPECT_NE(*backend_uid, 0u) << "PostgreSQL runs as an unprivileged user, never root";
  if (geteuid() != 0) {
    EXPECT_EQ(*backend_uid, geteuid());
  }
}

TEST(PostgresServer, TwoDatabasesAreSeparate) {
  NIANBAO_REQUIRE_POSTGRES(server);
  std::string first_uri = server.create_database("separate");
  std::string second_uri = server.create_database("separate");  // the same name: a fresh one anyway
  ASSERT_NE(first_uri, second_uri);
  PgConnection first(first_uri);
  PgConnection second(second_uri);
  EXPECT_NE(first.exec("SELECT current_database()").text(0, 0), second.exec("SELECT current_database()").text(0, 0));

  first.exec("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('first'), ('again')");
  EXPECT_TRUE(second.exec("SELECT to_regclass('notes')").is_null(0, 0)) << "a table leaked into the other database";
  second.exec("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('second')");
  EXPECT_EQ(first.exec("SELECT count(*) FROM notes").integer(0, 0), 2);
  EXPECT_EQ(second.exec("SELECT string_agg(body, ',') FROM notes").text(0, 0), "second");
}

TEST(PgConnection, ByteaRoundTripKeepsAll256ByteValuesAndARealPdf) {
  NIANBAO_REQUIRE_POSTGRES(server);
  PgConnection connection(server.create_database("bytea_round_trip"));
  connection.exec("CREATE TABLE blobs (name text PRIMARY KEY, body bytea NOT NULL)");
  const std::string every_byte = all_byte_values();
  const std::string pdf = store_test::fixture_bytes("pdf-producers/pingtan-2023-libreoffice.pdf");

  connection.exec_params("INSERT INTO blobs VALUES ($1, $2)",
                         {PgParam::text("every_byte"), PgParam::bytes(every_byte)});
  connection.prepare("put_blob", "INSERT INTO blobs VALUES ($1, $2)", {false, true});
  EXPECT_EQ(connection.exec_prepared("put_blob", {PgParam::text("pdf"), PgParam::bytes(pdf)}).affected_rows(), 1);

  const std::string select = "SELECT body, octet_length(body), encode(sha256(body), 'hex') FROM blobs WHERE name = $1";
  for (const auto& [name, bytes] : {std::pair{"every_byte", every_byte}, std::pair{"pdf", pdf}}) {
    PgResult as_text = connection.exec_params(select, {PgParam::text(name)});
    ASSERT_EQ(as_text.rows(), 1) << name;
    EXPECT_EQ(as_text.integer(0, 1), static_cast<int64_t>(bytes.size())) << name;
    EXPECT_EQ(as_text.text(0, 2), sha256_hex(bytes)) << name << ": the server holds other bytes than were sent";
    EXPECT_TRUE(as_text.bytes(0, 0) == bytes) << name << " read back in text format (hex) differs";

    PgResult as_binary = connection.exec_params(select, {PgParam::text(name)}, PgFormat::binary);
    EXPECT_TRUE(as_binary.bytes(0, 0) == bytes) << name << " read back in binary format differs";
  }
  EXPECT_EQ(every_byte.size(), 256u);
  EXPECT_EQ(connection.exec("SELECT get_byte(body, 0), get_byte(body, 255) FROM blobs WHERE name = 'every_byte'")
                .text(0, 1),
            "255");
}

TEST(PgConnection, AnErrorNamesItsSqlstateTheStatementAndTheServer) {
  NIANBAO_REQUIRE_POSTGRES(server);
  PgConnection connection(server.create_database("errors"));
  const std::string missing_table = "SELECT body FROM no_such_table";
  try {
    connection.exec(missing_table);
    FAIL() << "a query on a missing table succeeded";
  } catch (const PgError& error) {
    EXPECT_EQ(error.sqlstate(), "42P01");
    std::string message = error.what();
    EXPECT_NE(message.find("SQLSTATE 42P01"), std::string::npos) << message;
    EXPECT_NE(message.find("in statement: " + missing_table), std::string::npos) << message;
    EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
    EXPECT_NE(message.find(server.directory()), std::string::npos) << "the server is not named: " << message;
  }

  connection.exec("CREATE TABLE keys (key text PRIMARY KEY)");
  connection.prepare("put_key", "INSERT INTO keys VALUES ($1)");
  connection.exec_prepared("put_key", {PgParam::text("a.1")});
  try {
    connection.exec_prepared("put_key", {PgParam::text("a.1")});
    FAIL() << "a duplicate primary key was accepted";
  } catch (const PgError& error) {
    EXPECT_EQ(error.sqlstate(), "23505");
    std::string message = error.what();
    EXPECT_NE(message.find("exec_prepared put_key"), std::string::npos) << message;
    EXPECT_NE(message.find("INSERT INTO keys VALUES ($1)"), std::string::npos) << message;
    EXPECT_NE(message.find("DETAIL: Key (key)=(a.1) already exists."), std::string::npos) << message;
  }
  // The connection is still usable after both errors.
  EXPECT_EQ(connection.exec("SELECT count(*) FROM keys").integer(0, 0), 1);
}

TEST(PgConnection, ARefusedConnectionNamesTheUriWithItsPasswordMasked) {
  const std::string uri = "postgresql://nianbao:s3cret-word@/nianbao?host=/nonexistent-nianbao-socket&port=5432";
  try {
    PgConnection connection(uri);
    FAIL() << "connected to a server that does not exist";
  } catch (const PgError& error) {
    std::string message = error.what();
    EXPECT_EQ(message.find("s3cret-word"), std::string::npos) << message;
    EXPECT_NE(message.find("postgresql://nianbao:***@/nianbao?host=/nonexistent-nianbao-socket"), std::string::npos)
        << message;
    EXPECT_NE(message.find("cannot connect"), std::string::npos) << message;
    EXPECT_EQ(error.sqlstate(), "");
  }
  EXPECT_EQ(mask_password("host=/tmp user=nianbao password='a b' dbname=x"),
            "host=/tmp user=nianbao password=*** dbname=x");
  EXPECT_EQ(mask_password("postgresql:///db?host=/tmp&password=hunter2&user=u"),
            "postgresql:///db?host=/tmp&password=***&user=u");
  EXPECT_EQ(mask_password("postgresql://u@h/db"), "postgresql://u@h/db");
}

TEST(PostgresServer, StopsTheServerAndRemovesItsDirectoryWhenDestroyed) {
  std::string directory;
  int64_t postmaster = 0;
  {
    PostgresServer own;
    NIANBAO_REQUIRE_POSTGRES_OF(server, own);
    directory = server.directory();
    postmaster = postmaster_pid(directory);
    ASSERT_GT(postmaster, 0);
    EXPECT_TRUE(process_alive(postmaster));
    PgConnection connection(server.uri());
    EXPECT_EQ(connection.exec("SELECT 2").integer(0, 0), 2);
  }
  EXPECT_FALSE(std::filesystem::exists(directory)) << directory;
  EXPECT_FALSE(process_alive(postmaster)) << "postmaster " << postmaster << " still runs";
}

// A test binary that dies without running destructors (a crash, a ctest timeout) leaves no server:
// the watchdog process stops it and removes the directory.
TEST(PostgresServer, IsStoppedAndRemovedWhenTheTestProcessDiesWithoutCleanup) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(report[0]);
    PostgresServer* leaked = new PostgresServer;  // never destroyed
    std::string text = std::to_string(static_cast<int>(leaked->state())) +
                       (leaked->running() ? leaked->directory() : leaked->unavailable_reason());
    ssize_t ignored = write(report[1], text.data(), text.size());
    (void)ignored;
    _exit(0);
  }
  close(report[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t got; (got = read(report[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<size_t>(got));
  close(report[0]);
  waitpid(child, nullptr, 0);
  ASSERT_FALSE(text.empty()) << "the child reported nothing";
  auto state = static_cast<PostgresState>(text[0] - '0');
  std::string line = text.substr(1);
  if (state == PostgresState::binaries_missing) GTEST_SKIP() << "PostgreSQL tests skipped: " << line;
  ASSERT_EQ(state, PostgresState::running) << "the child's server did not start: " << line;

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::filesystem::exists(line) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(std::filesystem::exists(line)) << line << " was left behind";
}

TEST(PostgresServer, IsSkippedNotPassedWhenTheBinariesAreAbsent) {
  std::optional<PostgresServer> absent;
  {
    ScopedEnv no_binaries("NIANBAO_PG_BIN", "/nonexistent");
    absent.emplace();
  }
  EXPECT_EQ(absent->state(), PostgresState::binaries_missing);
  EXPECT_NE(absent->unavailable_reason().find("NIANBAO_PG_BIN=/nonexistent"), std::string::npos)
      << absent->unavailable_reason();
  EXPECT_TRUE(absent->directory().empty()) << "nothing is created without binaries";

  // A PostgreSQL test (TwoDatabasesAreSeparate) in a test process that finds no binaries (and no
  // ctest-wide server) is reported SKIPPED with the reason, and the process succeeds.
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string command = "env -u NIANBAO_TEST_PG_STATE NIANBAO_PG_BIN=/nonexistent '" + self +
                        "' --gtest_filter=PostgresServer.TwoDatabasesAreSeparate 2>&1";
  FILE* child = popen(command.c_str(), "r");
  ASSERT_NE(child, nullptr);
  std::string output;
  char buffer[4096];
  for (size_t got; (got = fread(buffer, 1, sizeof buffer, child)) > 0;) output.append(buffer, got);
  int status = pclose(child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_NE(output.find("[  SKIPPED ] 1 test"), std::string::npos) << output;
  EXPECT_NE(output.find("PostgreSQL tests skipped: NIANBAO_PG_BIN=/nonexistent"), std::string::npos) << output;
  EXPECT_EQ(output.find("[  FAILED  ]"), std::string::npos) << output;
}

}  // namespace
}  // namespace nianbao::store
