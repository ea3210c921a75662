// The bundled demo portal: serves fixtures/portal/site over HTTP with cpp-httplib on a loopback
// address, emulating the CMS behaviours the crawler must handle (GBK charset headers, ETag /
// Last-Modified revalidation, Hanweb dataproxy.jsp paging, downfile.jsp 302s to attachments), and
// the audit cases' server-side states: editions of a page (edited after publication) and error columns.
#pragma once

#include <atomic>
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

  // The site's edition (1 at start). From edition N on, a request for `X.ext` is answered with
  // the bytes of `X.editionK.ext` for the largest K <= N that exists beside it: a page edited after
  // publication, deterministically. A file `X.ext.status` (an HTTP status on its first line, then
  // headers such as "Retry-After: 0") makes `X.ext` answer with that status and those headers. The
  // `.editionK.` and `.status` files themselves are never served.
  void set_edition(int edition) { edition_->store(edition); }
  int edition() const { return edition_->load(); }

 private:
  void install_routes();
  std::shared_ptr<std::atomic<int>> edition_ = std::make_shared<std::atomic<int>>(1);
  std::string site_dir_;
  std::string host_;
  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace nianbao::demo
