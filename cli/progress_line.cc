// The terminal progress bar: a carriage return and the redrawn line, throttled; erased at the
// end with spaces so that the summary printed after it starts clean.
#include "cli/progress_line.h"

#include <unistd.h>

#include <algorithm>

namespace nianbao::cli {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

ProgressLine::ProgressLine(std::string label, std::string unit, std::FILE* stream)
    : label_(std::move(label)), unit_(std::move(unit)), stream_(stream), enabled_(::isatty(::fileno(stream)) == 1) {}

ProgressLine::~ProgressLine() { finish(); }

std::string ProgressLine::render(const std::string& label, const std::string& unit, size_t done, size_t total,
                                 int width) {
  size_t shown = std::min(done, total);
  int filled = total == 0 ? width : static_cast<int>(shown * static_cast<size_t>(width) / total);
  std::string line = label + "  [" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(width - filled), '.') + "]  " + std::to_string(shown) + "/" +
                     std::to_string(total) + " " + unit;
  return line;
}

std::string ProgressLine::pace(size_t done, size_t total, double elapsed_seconds) {
  if (done == 0 || elapsed_seconds <= 0) return "";
  double rate = static_cast<double>(done) / elapsed_seconds;
  auto left = static_cast<long long>(static_cast<double>(total > done ? total - done : 0) / rate + 0.5);
  char text[64];
  std::snprintf(text, sizeof text, "  %.1f/s  %lld:%02lld left", rate, left / 60, left % 60);
  return text;
}

void ProgressLine::update(size_t done, size_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - started_).count();
  std::fprintf(stream_, "\r%s%s\033[K", render(label_, unit_, done, total, kBarWidth).c_str(),
               pace(done, total, elapsed).c_str());  // \033[K: a shorter line leaves no stale tail
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (!drawn_) return;
  std::fprintf(stream_, "\r\033[2K");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace nianbao::cli
