// Test support: starting and stopping the throwaway PostgreSQL server of postgres_server.h, and
// running its binaries (as an unprivileged user when the tests run as root) with their output kept.
#include "tests/support/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace nianbao::testing {
namespace {

namespace fs = std::filesystem;

// Who a child process runs as: unchanged, or switched to uid/gid with no supplementary groups.
struct Identity {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

struct CommandResult {
  std::string command;  // the argv joined by spaces, for messages
  int exit_code = -1;   // -1 when it did not exit normally (signal) or could not start
  std::string output;   // stdout and stderr together
};

std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

// In the forked child only (async-signal-safe calls): become `who`, move to `cwd`, exec argv.
[[noreturn]] void exec_child(const std::vector<char*>& argv, const Identity& who, const char* cwd) {
  if (chdir(cwd) != 0) _exit(126);
  if (who.switch_user) {
    if (setgroups(0, nullptr) != 0 || setgid(who.gid) != 0 || setuid(who.uid) != 0) _exit(125);
  }
  execv(argv[0], argv.data());
  const char message[] = "exec failed\n";
  ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
  _exit(127);
}

// Runs argv[0] (an absolute path) with stdin from /dev/null and stdout+stderr captured.
CommandResult run_command(const std::vector<std::string>& argv, const Identity& who, const std::string& cwd) {
  CommandResult result;
  result.command = joined(argv);
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    result.output = std::string("pipe failed: ") + std::strerror(errno);
    return result;
  }
  pid_t pid = fork();
  if (pid == 0) {
    int null_in = open("/dev/null", O_RDONLY);
    if (null_in < 0 || dup2(null_in, STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0 ||
        dup2(out[1], STDERR_FILENO) < 0)
      _exit(124);
    close_range(3, ~0U, 0);
    exec_child(raw, who, cwd.c_str());
  }
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    result.output = std::string("fork failed: ") + std::strerror(errno);
    return result;
  }
  char buffer[4096];
  for (ssize_t got; (got = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    result.output.append(buffer, static_cast<size_t>(got));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

std::string failure_text(const CommandResult& result) {
  std::string text = "`" + result.command + "` ";
  text += result.exit_code < 0 ? "did not exit normally" : "exited with " + std::to_string(result.exit_code);
  return text + ":\n" + result.output;
}

bool executable(const fs::path& path) { return access(path.c_str(), X_OK) == 0 && fs::is_regular_file(path); }

// The three programs the server needs, all in one directory.
bool has_binaries(const fs::path& dir) {
  return executable(dir / "initdb") && executable(dir / "pg_ctl") && executable(dir / "createdb");
}

std::optional<std::string> bin_dir_in_path() {
  const char* path = std::getenv("PATH");
  std::stringstream entries(path ? path : "");
  for (std::string entry; std::getline(entries, entry, ':');) {
    if (!entry.empty() && has_binaries(entry)) return entry;
  }
  return std::nullopt;
}

// /usr/lib/postgresql/<version>/bin with the highest numeric version that has the binaries.
std::optional<std::string> highest_debian_bin_dir() {
  std::error_code error;
  std::vector<std::pair<int, std::string>> found;
  for (const fs::directory_entry& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    std::string version = entry.path().filename().string();
    fs::path bin = entry.path() / "bin";
    if (has_binaries(bin)) found.emplace_back(std::atoi(version.c_str()), bin.string());
  }
  if (found.empty()) return std::nullopt;
  return std::max_element(found.begin(), found.end())->second;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string database_name_from(const std::string& name) {
  std::string cleaned;
  for (char c : name) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool plain = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_';
    cleaned += plain ? lower : '_';
  }
  if (cleaned.empty() || (cleaned[0] >= '0' && cleaned[0] <= '9')) cleaned = "db_" + cleaned;
  return cleaned.substr(0, 50);
}

// Starts a process that waits for EOF on a pipe whose write end only this process holds, then
// stops the server and removes its directory: when the test binary dies without its destructors
// (a crash, a ctest timeout's SIGKILL), no postmaster or directory is left behind. It runs in its
// own session so a signal to the test's process group does not end it first. Returns the write
// end (-1 when it could not start) and sets `pid`.
int start_watchdog(const std::string& pg_ctl, const std::string& directory, const Identity& who, pid_t& pid) {
  int wake[2];
  if (pipe2(wake, O_CLOEXEC) != 0) return -1;
  std::vector<std::string> argv = {"/bin/sh", "-c",
                                   "read -r _; \"$0\" -D \"$1/data\" -m immediate -w stop; rm -rf \"$1\"",
                                   pg_ctl, directory};
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  pid = fork();
  if (pid == 0) {
    int null_out = open("/dev/null", O_WRONLY);
    if (setsid() < 0 || null_out < 0 || dup2(wake[0], STDIN_FILENO) < 0 || dup2(null_out, STDOUT_FILENO) < 0 ||
        dup2(null_out, STDERR_FILENO) < 0)
      _exit(124);
    close_range(3, ~0U, 0);
    exec_child(raw, who, "/");
  }
  close(wake[0]);
  if (pid < 0) {
    close(wake[1]);
    return -1;
  }
  return wake[1];
}

// The postmaster's pid (first line of <data>/postmaster.pid), 0 when there is none.
pid_t postmaster_pid(const std::string& data) {
  std::ifstream pid_file(data + "/postmaster.pid");
  pid_t pid = 0;
  pid_file >> pid;
  return pid_file ? pid : 0;
}

// pg_ctl stop returns once postmaster.pid is gone; the postmaster itself exits a moment later.
// Waits (at most 10 s) until it has, so a stopped server holds no process or shared memory.
void wait_for_exit(pid_t pid) {
  if (pid <= 0) return;
  for (int tries = 0; tries < 1000 && kill(pid, 0) == 0; ++tries) usleep(10'000);
}

}  // namespace

PostgresServer::PostgresServer() {
  if (!find_binaries()) {
    state_ = PostgresState::binaries_missing;
    return;
  }
  if (choose_user() && make_directory() && init_cluster() && start()) {
    state_ = PostgresState::running;
    reason_.clear();
    return;
  }
  stop();
}

PostgresServer::PostgresServer(const Attach& attach) : owned_(false), unique_names_(true) {
  std::ifstream in(attach.state_file);
  std::string state_word, line;
  std::getline(in, state_word);
  std::getline(in, bin_dir_);
  std::getline(in, directory_);
  std::getline(in, line);
  port_ = std::atoi(line.c_str());
  std::getline(in, line);
  drop_privileges_ = line == "1";
  std::getline(in, line);
  run_uid_ = static_cast<unsigned>(std::atoi(line.c_str()));
  std::getline(in, line);
  run_gid_ = static_cast<unsigned>(std::atoi(line.c_str()));
  std::ostringstream rest;
  rest << in.rdbuf();
  reason_ = rest.str();
  if (!in && state_word.empty()) {
    reason_ = "cannot read the test server's state file " + attach.state_file;
    state_ = PostgresState::start_failed;
    return;
  }
  state_ = state_word == "running"            ? PostgresState::running
           : state_word == "binaries_missing" ? PostgresState::binaries_missing
                                              : PostgresState::start_failed;
  started_ = state_ == PostgresState::running;
}

PostgresServer::~PostgresServer() {
  if (owned_) stop();
}

PostgresServer& PostgresServer::shared() {
  const char* state_file = std::getenv("NIANBAO_TEST_PG_STATE");
  if (state_file && *state_file && fs::exists(state_file)) {
    static PostgresServer attached(Attach{state_file});
    return attached;
  }
  static PostgresServer server;
  return server;
}

void PostgresServer::save_state_and_detach(const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  const char* word = state_ == PostgresState::running ? "running"
                     : state_ == PostgresState::binaries_missing ? "binaries_missing"
                                                                 : "start_failed";
  out << word << "\n" << bin_dir_ << "\n" << directory_ << "\n" << port_ << "\n" << (drop_privileges_ ? 1 : 0)
      << "\n" << run_uid_ << "\n" << run_gid_ << "\n" << reason_;
  owned_ = false;
  if (watchdog_pid_ > 0) {
    kill(watchdog_pid_, SIGKILL);  // it would stop the server when this process ends
    while (waitpid(watchdog_pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    watchdog_pid_ = -1;
  }
  if (watchdog_fd_ >= 0) close(watchdog_fd_);
  watchdog_fd_ = -1;
}

void PostgresServer::stop_saved(const std::string& state_file) {
  PostgresServer saved(Attach{state_file});
  if (!saved.directory_.empty() && saved.started_) {
    pid_t postmaster = postmaster_pid(saved.directory_ + "/data");
    run_command({saved.bin_dir_ + "/pg_ctl", "-D", saved.directory_ + "/data", "-m", "immediate", "-w", "stop"},
                Identity{saved.drop_privileges_, saved.run_uid_, saved.run_gid_}, "/");
    wait_for_exit(postmaster);
  }
  std::error_code ignored;
  if (!saved.directory_.empty()) fs::remove_all(saved.directory_, ignored);
  fs::remove(state_file, ignored);
}

void PostgresServer::drop_database(const std::string& uri) {
  size_t start = uri.find(":///");
  size_t end = uri.find('?');
  if (!started_ || start == std::string::npos || end == std::string::npos) return;
  std::string database = uri.substr(start + 4, end - start - 4);
  run_command({bin_dir_ + "/dropdb", "-h", directory_, "-p", std::to_string(port_), "-U", "nianbao", "--if-exists",
               database},
              Identity{drop_privileges_, run_uid_, run_gid_}, directory_);
}

std::string PostgresServer::uri_for(const std::string& database) const {
  return "postgresql:///" + database + "?host=" + directory_ + "&port=" + std::to_string(port_) + "&user=nianbao";
}

bool PostgresServer::find_binaries() {
  const char* configured = std::getenv("NIANBAO_PG_BIN");
  if (configured && *configured) {
    if (has_binaries(configured)) {
      bin_dir_ = configured;
      return true;
    }
    reason_ = std::string("NIANBAO_PG_BIN=") + configured +
              " has no executable initdb, pg_ctl and createdb (PostgreSQL's server binaries)";
    return false;
  }
  std::optional<std::string> found = bin_dir_in_path();
  if (!found) found = highest_debian_bin_dir();
  if (found) {
    bin_dir_ = *found;
    return true;
  }
  reason_ = "PostgreSQL's initdb, pg_ctl and createdb are neither in PATH nor in /usr/lib/postgresql/*/bin: "
            "install Debian's postgresql package (scripts/setup.sh does) or set NIANBAO_PG_BIN";
  return false;
}

bool PostgresServer::choose_user() {
  if (geteuid() != 0) return true;
  const char* configured = std::getenv("NIANBAO_PG_USER");
  run_user_ = configured && *configured ? configured : "nobody";
  const passwd* entry = getpwnam(run_user_.c_str());
  if (!entry || entry->pw_uid == 0) {
    reason_ = "the tests run as root, which PostgreSQL refuses, and there is no unprivileged user '" + run_user_ +
              "' to run the server as (set NIANBAO_PG_USER)";
    return false;
  }
  drop_privileges_ = true;
  run_uid_ = entry->pw_uid;
  run_gid_ = entry->pw_gid;
  return true;
}

bool PostgresServer::make_directory() {
  std::string pattern = "/tmp/nianbao-pg-XXXXXX";
  if (!mkdtemp(pattern.data())) {
    reason_ = "cannot create " + pattern + ": " + std::strerror(errno);
    return false;
  }
  directory_ = pattern;
  if (chmod(directory_.c_str(), 0755) != 0 ||
      (drop_privileges_ && chown(directory_.c_str(), run_uid_, run_gid_) != 0)) {
    reason_ = "cannot hand " + directory_ + " to user " + run_user_ + ": " + std::strerror(errno);
    return false;
  }
  watchdog_fd_ = start_watchdog(bin_dir_ + "/pg_ctl", directory_, Identity{drop_privileges_, run_uid_, run_gid_},
                                watchdog_pid_);
  return true;
}

bool PostgresServer::init_cluster() {
  Identity server_user{drop_privileges_, run_uid_, run_gid_};
  CommandResult result = run_command({bin_dir_ + "/initdb", "-D", directory_ + "/data", "-A", "trust", "-U", "nianbao",
                                      "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                                     server_user, directory_);
  if (result.exit_code == 0) return true;
  reason_ = "initdb failed" + (drop_privileges_ ? " (as user " + run_user_ + ")" : "") + ": " + failure_text(result);
  return false;
}

bool PostgresServer::start() {
  Identity server_user{drop_privileges_, run_uid_, run_gid_};
  std::string options = "-k " + directory_ + " -c listen_addresses='' -p " + std::to_string(port_) +
                        " -F -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
  std::string log = directory_ + "/server.log";
  CommandResult result = run_command(
      {bin_dir_ + "/pg_ctl", "-D", directory_ + "/data", "-l", log, "-w", "-t", "60", "-o", options, "start"},
      server_user, directory_);
  if (result.exit_code != 0) {
    reason_ = "pg_ctl start failed: " + failure_text(result) + "\nserver log " + log + ":\n" + read_file(log);
    started_ = fs::exists(directory_ + "/data/postmaster.pid");
    return false;
  }
  started_ = true;
  try {
    create_database("nianbao");
  } catch (const std::exception& error) {
    reason_ = error.what();
    return false;
  }
  return true;
}

std::string PostgresServer::create_database(const std::string& name) {
  if (!started_) throw std::runtime_error("PostgreSQL test server is not running: " + reason_);
  std::string database;
  {
    std::lock_guard<std::mutex> lock(databases_mutex_);
    std::string base = database_name_from(name);
    if (unique_names_) base = base.substr(0, 50) + "_p" + std::to_string(getpid());
    database = base;
    for (int suffix = 2; databases_.count(database); ++suffix) database = base + "_" + std::to_string(suffix);
    databases_.insert(database);
  }
  CommandResult result = run_command({bin_dir_ + "/createdb", "-h", directory_, "-p", std::to_string(port_), "-U",
                                      "nianbao", "-E", "UTF8", database},
                                     Identity{drop_privileges_, run_uid_, run_gid_}, directory_);
  if (result.exit_code != 0) throw std::runtime_error("cannot create test database: " + failure_text(result));
  return uri_for(database);
}

void PostgresServer::stop() {
  if (started_) {
    pid_t postmaster = postmaster_pid(directory_ + "/data");
    run_command({bin_dir_ + "/pg_ctl", "-D", directory_ + "/data", "-m", "immediate", "-w", "stop"},
                Identity{drop_privileges_, run_uid_, run_gid_}, "/");
    wait_for_exit(postmaster);
    started_ = false;
  }
  if (!directory_.empty()) {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    directory_.clear();
  }
  if (watchdog_fd_ >= 0) {
    close(watchdog_fd_);  // the watchdog wakes, finds nothing left to stop, and exits
    watchdog_fd_ = -1;
    while (waitpid(watchdog_pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  if (state_ == PostgresState::running) {
    state_ = PostgresState::start_failed;
    reason_ = "the PostgreSQL test server was stopped";
  }
}

}  // namespace nianbao::testing
