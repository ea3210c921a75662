// Test support: running headless Chromium on a local page (throwaway profile, no network, bounded
// by a timeout) to dump its DOM or take a screenshot, and reading its stderr for page problems.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace nianbao::testing::chromium {

// The browser: $NIANBAO_CHROMIUM when set, else /usr/bin/chromium (Debian's package, which
// scripts/setup.sh installs); nullopt when that file is not executable. Tests GTEST_SKIP then.
inline std::optional<std::string> find_chromium() {
  const char* configured = std::getenv("NIANBAO_CHROMIUM");
  std::string path = configured && *configured ? configured : "/usr/bin/chromium";
  if (::access(path.c_str(), X_OK) != 0) return std::nullopt;
  return path;
}

inline std::string skip_message() {
  return "Chromium is not installed at /usr/bin/chromium (or $NIANBAO_CHROMIUM): the browser check of the audit "
         "page is skipped; scripts/setup.sh installs it (apt-get install chromium)";
}

struct Run {
  std::string command;     // what ran, for failure messages
  int exit_code = -1;      // -1 when it did not exit normally
  bool timed_out = false;  // killed by the timeout
  std::string out;         // stdout (the DOM for --dump-dom)
  std::string err;         // stderr (the log, with --enable-logging=stderr)
};

inline std::string quoted(const std::string& word) {
  std::string text = "'";
  for (char c : word) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return text + "'";
}

inline std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// file:///… for an absolute path, every byte outside the unreserved set and '/' percent-encoded.
inline std::string file_url(const std::filesystem::path& path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char c : std::filesystem::absolute(path).string()) {
    auto byte = static_cast<unsigned char>(c);
    bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                std::string("-._~/").find(c) != std::string::npos;
    if (keep) {
      url += c;
    } else {
      url += '%';
      url += hex[byte >> 4];
      url += hex[byte & 0x0F];
    }
  }
  return url;
}

// The switches of every run: headless, no sandbox (root in containers), no GPU, a fresh profile,
// logging to stderr (console messages appear as "INFO:CONSOLE"), and every host name resolving
// to nothing, so nothing the page might reference can reach the network.
inline std::vector<std::string> common_switches(const std::filesystem::path& profile) {
  return {"--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--user-data-dir=" + profile.string(),
          "--enable-logging=stderr",
          "--v=0",
          "--no-first-run",
          "--no-default-browser-check",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--hide-scrollbars",
          "--host-resolver-rules=MAP * ~NOTFOUND"};
}

// Runs `browser` with the common switches, `extra` and the page's file:// URL, bounded by
// `timeout` (coreutils timeout, then SIGKILL 5 s later). Its temporary profile is removed after.
inline Run run_on_page(const std::string& browser, const std::vector<std::string>& extra,
                       const std::filesystem::path& page, std::chrono::seconds timeout = std::chrono::seconds(90)) {
  std::string pattern = (std::filesystem::temp_directory_path() / "nianbao-chromium-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("chromium helper: mkdtemp failed in " + pattern);
  std::filesystem::path work = pattern;
  std::vector<std::string> args = common_switches(work / "profile");
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file_url(page));

  Run run;
  run.command = "timeout -k 5 " + std::to_string(timeout.count()) + " " + quoted(browser);
  for (const auto& arg : args) run.command += " " + quoted(arg);
  std::string redirected = run.command + " >" + quoted((work / "stdout").string()) + " 2>" +
                           quoted((work / "stderr").string()) + " </dev/null";
  int raw = std::system(redirected.c_str());
  run.exit_code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.timed_out = run.exit_code == 124 || run.exit_code == 137;
  run.out = read_all(work / "stdout");
  run.err = read_all(work / "stderr");
  std::error_code ignored;
  std::filesystem::remove_all(work, ignored);
  return run;
}

// The page's DOM after loading, serialized (stdout of --dump-dom).
inline Run dump_dom(const std::string& browser, const std::filesystem::path& page) {
  return run_on_page(browser, {"--dump-dom"}, page);
}

// A PNG of the page's first `width` × `height` CSS pixels.
inline Run screenshot(const std::string& browser, const std::filesystem::path& page, const std::filesystem::path& png,
                      int width = 1280, int height = 1600) {
  return run_on_page(browser,
                     {"--screenshot=" + std::filesystem::absolute(png).string(),
                      "--window-size=" + std::to_string(width) + "," + std::to_string(height)},
                     page);
}

// The lines of Chromium's stderr that report a problem of the page: every console message
// (Chromium 156 logs them as "INFO:CONSOLE" without their level, and a page without script only
// gets console messages from the browser: blocked or failed loads, Content-Security-Policy
// violations, parse errors), uncaught exceptions and failed resource loads. Chromium's own noise
// (D-Bus, GPU, sandbox warnings) is not the page's and is ignored.
inline std::vector<std::string> page_problems(const std::string& err) {
  std::vector<std::string> problems;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    bool problem = line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos ||
                   line.find("Failed to load resource") != std::string::npos ||
                   line.find("net::ERR_") != std::string::npos;
    if (problem) problems.push_back(line);
  }
  return problems;
}

// Width and height from a PNG's IHDR chunk; nullopt when `bytes` do not start with the PNG signature.
struct PngSize {
  uint32_t width = 0, height = 0;
};

inline std::optional<PngSize> png_size(const std::string& bytes) {
  static const std::string signature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.size() < 24 || bytes.compare(0, 8, signature) != 0 || bytes.compare(12, 4, "IHDR") != 0)
    return std::nullopt;
  auto big_endian = [&](size_t at) {
    uint32_t value = 0;
    for (size_t k = 0; k < 4; ++k) value = (value << 8) | static_cast<unsigned char>(bytes[at + k]);
    return value;
  };
  return PngSize{big_endian(16), big_endian(20)};
}

}  // namespace nianbao::testing::chromium
