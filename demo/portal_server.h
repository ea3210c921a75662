// The bundled demo portal: serves fixtures/portal/site over HTTP with cpp-httplib on a loopback
// address, emulating the CMS behaviours the crawler must handle (GBK charset headers, ETag /
// Last-Modified revalidation, Hanweb dataproxy.jsp paging, downfile.jsp 302s to attachments).
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace nianbao::demo {

// fixtures/portal/site in the source tree this binary was built from.
std::string default_site_dir();

class PortalServer {
 public:
  explicit PortalServer(std::string site_dir = default_site_dir());
  ~PortalServer();
  PortalServer(const PortalServer&) = delete;
  PortalServer& operator=(const PortalServer&) = delete;

  // Binds host:port (0 = an ephemeral port) and serves on a background thread until stop().
  // Throws std::runtime_error naming the address when it cannot bind.
  void start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();
  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT"

 private:
  void install_routes();
  std::string site_dir_;
  std::string host_;
  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace nianbao::demo
