// A synthetic report site served by one cpp-httplib server per loopback address (127.0.0.2, …),
// each logging when every request started and ended: the 20-host politeness test and the
// nianbao-vs-Scrapy benchmark crawl it and then inspect what each host saw.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace nianbao::demo {

struct RequestSpan {
  std::string path;
  double started_at = 0;  // steady-clock seconds when the handler began
  double ended_at = 0;
};

class MultiHostSite {
 public:
  // `hosts` servers on 127.0.0.{first_octet}…; each holds a report column with `reports_per_host`
  // report pages (linked from /index.html) and an allow-all robots.txt.
  MultiHostSite(int hosts, int reports_per_host, int first_octet = 2);
  ~MultiHostSite();
  MultiHostSite(const MultiHostSite&) = delete;
  MultiHostSite& operator=(const MultiHostSite&) = delete;

  // Every response takes at least this long (the handler sleeps), like a real portal's; 0 by default.
  // Set before start().
  void set_response_seconds(double seconds) { response_seconds_ = seconds; }
  void start();  // throws std::runtime_error naming the address it could not bind
  void stop();
  std::vector<std::string> seed_urls() const;  // http://127.0.0.x:port/index.html
  // A crawl sources file (agency,region_code,level,url) for the seed URLs, host i's agency named
  // agency_prefix + i.
  std::string sources_csv(const std::string& agency_prefix, const std::string& region_code,
                          const std::string& level) const;
  // Requests each host saw, in arrival order (index = host number).
  std::vector<std::vector<RequestSpan>> request_log() const;
  int pages_per_host() const { return reports_per_host_ + 2; }  // robots.txt + index + reports

 private:
  struct Host;
  int reports_per_host_;
  double response_seconds_ = 0;
  std::vector<std::unique_ptr<Host>> hosts_;
};

}  // namespace nianbao::demo
