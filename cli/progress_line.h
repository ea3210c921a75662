// A one-line progress bar on stderr for long runs ("audit 2022  [#####.....]  812/2000 bodies  41.2/s
// 0:29 left"), drawn only when stderr is a terminal, so pipes, logs and tests never see it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace nianbao::cli {

class ProgressLine {
 public:
  // `label` leads the line, `unit` follows the counts. Draws nothing unless `stream` is a tty.
  ProgressLine(std::string label, std::string unit, std::FILE* stream = stderr);
  // Clears the line if it was drawn.
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // Redraws at most ten times a second, and always at the end (done == total).
  void update(size_t done, size_t total);
  // Erases the bar so the next output starts on a clean line.
  void finish();

  // The text of the bar for these counts (no carriage return), `width` cells of bar.
  static std::string render(const std::string& label, const std::string& unit, size_t done, size_t total, int width);
  // The rate and the time left after `elapsed_seconds` ("  41.2/s  0:29 left"); empty before anything is done.
  static std::string pace(size_t done, size_t total, double elapsed_seconds);

 private:
  std::string label_, unit_;
  std::FILE* stream_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace nianbao::cli
