// Test support: a real, throwaway PostgreSQL server (Debian's initdb + pg_ctl) in a temporary
// directory, run as an unprivileged user, reachable only through a Unix socket in that directory.
#pragma once

#include <gtest/gtest.h>

#include <sys/types.h>

#include <mutex>
#include <set>
#include <string>

namespace nianbao::testing {

// Where the server stands: running, not startable because the binaries are not installed (tests
// skip), or installed but failed to start (tests fail: a broken server must not pass silently).
enum class PostgresState { running, binaries_missing, start_failed };

// One PostgreSQL cluster for tests. The constructor finds the binaries ($NIANBAO_PG_BIN when set,
// else PATH, else the highest /usr/lib/postgresql/<version>/bin), creates /tmp/nianbao-pg-XXXXXX,
// runs initdb (trust auth, superuser `nianbao`, UTF8, locale C) and starts the server with
// `pg_ctl -w` on a Unix socket in that directory only (listen_addresses='', fsync off). When the
// process runs as root, the server runs as $NIANBAO_PG_USER or `nobody` (PostgreSQL refuses root):
// the directory is chowned to that user and the binaries run after setgroups/setgid/setuid.
// Nothing throws: a failure is kept in unavailable_reason() with the command and its output.
// The destructor stops the server (`pg_ctl -m immediate stop`) and removes the directory.
class PostgresServer {
 public:
  PostgresServer();
  // The server `pg_test_server start STATE_FILE` left running for a whole ctest run (or the state
  // and reason it recorded when there is none). Never stops it; databases get the process id in
  // their names, since many test processes create them at once.
  struct Attach {
    std::string state_file;
  };
  explicit PostgresServer(const Attach& attach);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // The server of this process: the ctest run's own when $NIANBAO_TEST_PG_STATE names its state
  // file (set by tests/CMakeLists.txt), else one per test binary, started on first use, stopped at
  // exit.
  static PostgresServer& shared();

  // For pg_test_server: writes where the server is (and its state and reason) to `path`, and
  // leaves the server running when this object ends.
  void save_state_and_detach(const std::string& path);
  // For pg_test_server: stops the server a state file describes and removes its directory.
  static void stop_saved(const std::string& state_file);
  // Drops a database made by create_database (its URI); failures are ignored (a test's cleanup).
  void drop_database(const std::string& uri);

  PostgresState state() const { return state_; }
  bool running() const { return state_ == PostgresState::running; }
  // Why the server is not running (empty when it is): what was missing, or the failed command
  // and its output (initdb's, pg_ctl's with the server log).
  const std::string& unavailable_reason() const { return reason_; }

  // A libpq URI of the database `nianbao` (created at start):
  // postgresql:///nianbao?host=<socket dir>&port=<port>&user=nianbao
  std::string uri() const { return uri_for("nianbao"); }
  // Creates a fresh, empty database and returns its URI. The name is lowered and every character
  // other than [a-z0-9_] becomes '_' (so a test name or "Suite/Param.Case" is fine), cut to 50
  // characters; a name already created on this server gets a suffix _2, _3, ... Throws
  // std::runtime_error with the createdb command and its output on failure (or when not running).
  std::string create_database(const std::string& name);

  const std::string& directory() const { return directory_; }  // socket dir; data in <dir>/data
  const std::string& bin_dir() const { return bin_dir_; }
  std::string uri_for(const std::string& database) const;

 private:
  bool find_binaries();
  bool choose_user();
  bool make_directory();
  bool init_cluster();
  bool start();
  void stop();

  PostgresState state_ = PostgresState::start_failed;
  std::string reason_;
  std::string bin_dir_;
  std::string directory_;
  int port_ = 5432;
  bool drop_privileges_ = false;  // run the server binaries as run_uid_/run_gid_
  unsigned run_uid_ = 0;
  unsigned run_gid_ = 0;
  std::string run_user_;
  bool started_ = false;
  bool owned_ = true;        // false: attached to a server another process started
  bool unique_names_ = false;  // true: database names carry this process's id
  int watchdog_fd_ = -1;  // write end of the pipe the cleanup watchdog waits on
  pid_t watchdog_pid_ = -1;
  std::mutex databases_mutex_;
  std::set<std::string> databases_;
};

// The shared server of this test binary, or a skip/failure of the calling test: skips (with the
// reason) when PostgreSQL is not installed, fails when it is installed but did not start. Use at
// the top of a TEST body or SetUp(): `NIANBAO_REQUIRE_POSTGRES(server);` declares `server`.
#define NIANBAO_REQUIRE_POSTGRES_OF(server, instance)                                                \
  ::nianbao::testing::PostgresServer& server = (instance);                                         \
  if ((server).state() == ::nianbao::testing::PostgresState::binaries_missing)                     \
    GTEST_SKIP() << "PostgreSQL tests skipped: " << (server).unavailable_reason();                 \
  if ((server).state() == ::nianbao::testing::PostgresState::start_failed)                         \
  GTEST_FAIL() << "PostgreSQL is installed but the test server did not start: "                    \
               << (server).unavailable_reason()
#define NIANBAO_REQUIRE_POSTGRES(server) \
  NIANBAO_REQUIRE_POSTGRES_OF(server, ::nianbao::testing::PostgresServer::shared())

}  // namespace nianbao::testing
