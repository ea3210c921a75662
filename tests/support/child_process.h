// A program started in the background (posix_spawn) with its stdout and stderr in files: for the
// tests and benchmarks that run several `nianbao` processes at once, or kill one mid-way.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace nianbao::testing {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with the arguments; started() says whether it could.
  ChildProcess(std::vector<std::string> argv, std::string out_file, std::string err_file)
      : out_(std::move(out_file)), err_(std::move(err_file)) {
    std::vector<char*> raw;
    for (std::string& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&files, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, raw[0], &files, nullptr, raw.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&files);
  }
  // A child still running when its owner goes is killed, never left behind.
  ~ChildProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      wait();
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0 || status_ != kNotWaited; }
  // Waits for the end: the exit code, or minus the signal that ended it.
  int wait() {
    if (pid_ <= 0) return status_;
    int raw = 0;
    waitpid(pid_, &raw, 0);
    pid_ = -1;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : -WTERMSIG(raw);
    return status_;
  }
  void kill_now() {
    if (pid_ > 0) kill(pid_, SIGKILL);
  }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

 private:
  static constexpr int kNotWaited = -1000;
  std::string out_, err_;
  pid_t pid_ = -1;
  int status_ = kNotWaited;
};

}  // namespace nianbao::testing
