// `pg_test_server start|stop STATE_FILE`: the ctest fixture that starts one PostgreSQL server for
// the whole test run (test processes attach to it through $NIANBAO_TEST_PG_STATE) and stops it.
#include <iostream>
#include <string>

#include "tests/support/postgres_server.h"

int main(int argc, char** argv) {
  using nianbao::testing::PostgresServer;
  using nianbao::testing::PostgresState;
  std::string verb = argc == 3 ? argv[1] : "";
  if (verb == "stop") {
    PostgresServer::stop_saved(argv[2]);
    std::cout << "stopped the PostgreSQL test server of " << argv[2] << "\n";
    return 0;
  }
  if (verb != "start") {
    std::cerr << "usage: pg_test_server start|stop STATE_FILE\n";
    return 2;
  }
  PostgresServer::stop_saved(argv[2]);  // a server a killed run left behind
  PostgresServer server;
  server.save_state_and_detach(argv[2]);
  switch (server.state()) {
    case PostgresState::running:
      std::cout << "PostgreSQL test server running on the Unix socket in " << server.directory() << "\n";
      return 0;
    case PostgresState::binaries_missing:
      // Not a failure of the run: the PostgreSQL tests skip, each saying why.
      std::cout << "PostgreSQL is not installed; the PostgreSQL tests will be skipped: " << server.unavailable_reason()
                << "\n";
      return 0;
    case PostgresState::start_failed:
      std::cerr << "PostgreSQL is installed but the test server did not start: " << server.unavailable_reason() << "\n";
      return 1;
  }
  return 1;
}
