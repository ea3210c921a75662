// Test support for the tests that run the real `nianbao` binary (NIANBAO_BINARY) in a temporary
// directory and capture its exit status, stdout and stderr; plus the small file/output helpers they share.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace nianbao::testing {

struct CommandResult {
  int exit_code = -1;  // the process's exit status; -1 when it did not exit normally
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh temporary directory, removed with everything in it at the end of its scope.
class CliWorkspace {
 public:
  CliWorkspace() {
    std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-cli-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~CliWorkspace() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  CliWorkspace(const CliWorkspace&) = delete;
  CliWorkspace& operator=(const CliWorkspace&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // `nianbao ARGS...`; the arguments are shell-quoted, so any path works.
  CommandResult run(const std::vector<std::string>& args) const {
    std::string command = shell_quote(NIANBAO_BINARY);
    for (const auto& arg : args) command += " " + shell_quote(arg);
    command += " >" + shell_quote(file("stdout")) + " 2>" + shell_quote(file("stderr"));
    int raw = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.out = slurp(file("stdout"));
    result.err = slurp(file("stderr"));
    return result;
  }

 private:
  std::filesystem::path dir_;
};

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// JSON Lines output (`--json`, `extract`): one parsed object per non-empty line.
inline std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  for (const std::string& line : lines_of(out)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

}  // namespace nianbao::testing
