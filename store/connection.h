// One connection to the nianbao database, an SQLite file or a PostgreSQL URI: opened (or created),
// checked to be a nianbao database, configured and migrated. The only way in.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "store/session.h"
#include "store/store_error.h"


namespace nianbao::store {

// Whether opening may create a missing file (`ingest`, `crawl`), must find one (`correct`), or
// must find one and only read it (`reports`, `show`, `export`, `compare`, `corrections`,
// `agencies list|unmatched`: SQLITE_OPEN_READONLY, no journal-mode change, no migration; works on
// files, directories and mounts the user cannot write).
enum class OpenMode { create, existing, read_only };

// How long a connection waits for another connection's lock before failing with "database is
// locked". It covers the longest transaction nianbao makes (an ingest batch, whose lock is held
// while the batch's last document is extracted: 25 s measured for a 15 MB text report on two
// cores), with a wide margin: concurrent writers queue instead of failing.
inline constexpr std::chrono::milliseconds kBusyTimeout{std::chrono::minutes(5)};

// Writers take turns: a writer waiting for the lock announces itself (a shared flock on the
// database's directory), and a writer that has just committed pauses until announced waiters have
// taken the lock (at most kTurnPause), so a bulk ingest committing batch after batch cannot starve
// another writer. Statement and execute() call this after every SQLite call: the call that waited
// has returned, so this thread's announcement ends.
inline constexpr std::chrono::milliseconds kTurnPause{250};
void end_wait_announcement();

class Connection {
 public:
  // Throws StoreError naming the file when it cannot be opened, is not a nianbao database (an
  // SQLite file with tables but no nianbao schema: refused, left byte-for-byte untouched), or
  // cannot be configured or migrated. A read_only open also refuses a file at another schema
  // version than this program's, since it cannot migrate it (the message says what to run).
  Connection(const std::string& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  struct WriterTurns;

  Session& handle() const { return *session_; }
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }

 private:
  std::string path_;
  bool read_only_ = false;
  std::unique_ptr<WriterTurns> turns_;  // writers only; outlives nothing SQLite holds (closed first)
  std::unique_ptr<Session> session_;  // closed before turns_ ends
};

}  // namespace nianbao::store
