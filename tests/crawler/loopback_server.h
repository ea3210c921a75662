// A cpp-httplib server on a loopback address with an ephemeral port, for tests that need custom
// (faulty) behaviour; it records every request's path and arrival time.
#pragma once

#include <httplib.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nianbao::crawler::testing {

struct SeenRequest {
  std::string method, path;
  double at = 0;  // steady seconds at handler start
};

class LoopbackServer {
 public:
  explicit LoopbackServer(std::string address = "127.0.0.1");
  ~LoopbackServer();
  httplib::Server& server() { return server_; }
  void start();
  void stop();
  std::string url(const std::string& path) const;
  std::vector<SeenRequest> requests() const;
  int count(const std::string& path) const;

 private:
  std::string address_;
  int port_ = 0;
  httplib::Server server_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<SeenRequest> requests_;
};

}  // namespace nianbao::crawler::testing
