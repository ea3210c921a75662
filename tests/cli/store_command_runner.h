// Runs the real `nianbao` binary (NIANBAO_BINARY) for the ingest/reports/show tests and captures
// its exit status, stdout and stderr through files in a temporary directory.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace nianbao::store_cli_test {

struct CommandResult {
  int status = -1;
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

class Workspace {
 public:
  Workspace() {
    std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-cli-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~Workspace() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // `nianbao ARGS...`; the arguments are shell-quoted, so any path works.
  CommandResult run(const std::vector<std::string>& args) const {
    std::string command = shell_quote(NIANBAO_BINARY);
    for (const auto& arg : args) command += " " + shell_quote(arg);
    command += " >" + shell_quote(file("stdout")) + " 2>" + shell_quote(file("stderr"));
    int raw = std::system(command.c_str());
    CommandResult result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.out = slurp(file("stdout"));
    result.err = slurp(file("stderr"));
    return result;
  }

 private:
  std::filesystem::path dir_;
};

inline std::string fixture(const std::string& relative) { return std::string(NIANBAO_FIXTURES_DIR) + "/" + relative; }

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace nianbao::store_cli_test
