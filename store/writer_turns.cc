// Writers taking turns: the busy handler that announces a waiting writer, and the commit hook that
// pauses (up to kTurnPause) until announced waiters have taken the lock.
#include "store/writer_turns.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <thread>

namespace nianbao::store {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// SQLite's default: a commit that leaves the WAL this long checkpoints it (the hook below replaces
// the default one, so it does the same).
constexpr int kAutoCheckpointFrames = 1000;

// The directory fd this thread holds a shared flock on while one of its calls waits for a lock.
thread_local int announced_fd = -1;

}  // namespace

Connection::WriterTurns::WriterTurns(const std::string& path) {
  std::string directory = std::filesystem::absolute(path).parent_path().string();
  directory_fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory_fd >= 0 && !flock_works()) {
    close(directory_fd);
    directory_fd = -1;
  }
}

Connection::WriterTurns::~WriterTurns() {
  if (announced_fd == directory_fd) end_wait_announcement();
  if (directory_fd >= 0) close(directory_fd);
}

bool Connection::WriterTurns::flock_works() const {
  if (flock(directory_fd, LOCK_SH | LOCK_NB) != 0) return errno == EWOULDBLOCK;
  flock(directory_fd, LOCK_UN);
  return true;
}

void end_wait_announcement() {
  if (announced_fd < 0) return;
  flock(announced_fd, LOCK_UN);
  announced_fd = -1;
}

namespace {

// The busy handler of writers: announce, then poll often (a turn is handed over in milliseconds)
// until the busy timeout.
int wait_for_lock(void* context, int attempt) {
  auto* turns = static_cast<Connection::WriterTurns*>(context);
  Clock::time_point now = Clock::now();
  if (attempt == 0) turns->waiting_since = now;
  if (now - turns->waiting_since >= kBusyTimeout) return 0;
  if (announced_fd < 0 && turns->directory_fd >= 0 && flock(turns->directory_fd, LOCK_SH | LOCK_NB) == 0) {
    announced_fd = turns->directory_fd;
  }
  std::this_thread::sleep_for(milliseconds(attempt < 20 ? 1 : 5));
  return 1;
}

// After a commit: while another writer announces that it waits, pause (up to kTurnPause) so that
// it takes the lock before this connection's next transaction.
void let_waiters_in(const Connection::WriterTurns& turns) {
  if (turns.directory_fd < 0) return;
  if (announced_fd == turns.directory_fd) end_wait_announcement();
  Clock::time_point deadline = Clock::now() + kTurnPause;
  while (flock(turns.directory_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK || Clock::now() >= deadline) return;
    std::this_thread::sleep_for(milliseconds(1));
  }
  flock(turns.directory_fd, LOCK_UN);
}

int after_commit(void* context, sqlite3* db, const char* schema, int frames) {
  let_waiters_in(*static_cast<Connection::WriterTurns*>(context));
  if (frames >= kAutoCheckpointFrames) sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return SQLITE_OK;
}

}  // namespace

void take_turns(sqlite3* db, Connection::WriterTurns& turns) {
  sqlite3_busy_handler(db, wait_for_lock, &turns);
  sqlite3_wal_hook(db, after_commit, &turns);
}

}  // namespace nianbao::store
