// Reliability: a host that resets every connection (issue 10 "passes today" list). The URL is tried
// three times and failed with the transport error while another host's reports still arrive.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

// Accepts connections on 127.0.0.1, reads the request and answers with a TCP reset (SO_LINGER 0).
class ResettingServer {
 public:
  ResettingServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener_, 16) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1 for the resetting server");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ResettingServer() {
    stop_ = true;
    thread_.join();
    close(listener_);
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (poll(&waiting, 1, 50) <= 0) continue;
      int client = accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      ++connections_;
      char request[4096];
      pollfd readable{client, POLLIN, 0};
      if (poll(&readable, 1, 1000) > 0) (void)!read(client, request, sizeof request);
      linger reset{1, 0};
      setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      close(client);
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

TEST(ReliabilityTransport, ConnectionResetIsRetriedThenFailedAndOtherHostsGoOn) {
  testing::TempDir dir;
  ResettingServer resetting;
  testing::LoopbackServer healthy("127.0.0.5");
  healthy.server().Get("/index.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                         "<a href=\"/r.html\">测试单位2023年政府信息公开工作年度报告</a></body></html>",
                         "text/html; charset=utf-8");
  });
  healthy.server().Get("/r.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><body>report</body></html>", "text/html");
  });
  healthy.start();
  std::string db = dir.file("t.sqlite");
  CrawlOptions options = testing::fast_options();
  options.ignore_robots = true;
  auto result = testing::crawl(db, {resetting.url("/index.html"), healthy.url("/index.html")}, options);
  EXPECT_TRUE(result.summary.finished);
  EXPECT_EQ(resetting.connections(), 3) << "three tries, then failed";
  std::string url = resetting.url("/index.html");
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'"), "failed");
  std::string error = testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + url + "'");
  EXPECT_EQ(error.rfind(url + ": ", 0), 0u) << error;
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE url='" + url + "' AND status=0"), "3");
  EXPECT_EQ(result.documents.count(healthy.url("/r.html")), 1u);
}

}  // namespace
}  // namespace nianbao::crawler
