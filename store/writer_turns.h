// Writers taking turns on one database: a waiting writer announces itself with a shared flock on
// the database's directory, and a writer that has just committed pauses until waiters are in.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <string>

#include "store/connection.h"

namespace nianbao::store {

struct Connection::WriterTurns {
  // flock on the database's directory, not the file: closing another descriptor of the database
  // file would drop SQLite's own POSIX locks on it. (Writers of two databases in one directory
  // only make each other pause a little more.) -1 when it cannot be opened: plain busy waiting.
  int directory_fd = -1;
  std::chrono::steady_clock::time_point waiting_since;

  explicit WriterTurns(const std::string& path);
  ~WriterTurns();
  WriterTurns(const WriterTurns&) = delete;
  WriterTurns& operator=(const WriterTurns&) = delete;

 private:
  // Some file systems (NFS) refuse flock on a directory: then no turns, rather than a pause per commit.
  bool flock_works() const;
};

// Installs the writers' busy handler (announce, then poll until kBusyTimeout) and the commit hook
// (let announced waiters in, then checkpoint as SQLite's default hook would) on `db`.
void take_turns(sqlite3* db, Connection::WriterTurns& turns);

}  // namespace nianbao::store
