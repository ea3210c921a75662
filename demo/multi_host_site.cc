// MultiHostSite implementation: one httplib::Server and thread per address; every handler records
// its start and end under a per-host mutex (so overlapping requests would be visible). Bodies go out uncompressed.
#include "demo/multi_host_site.h"

#include <httplib.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace nianbao::demo {
namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string column_page(int host, int reports) {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\">"
                     "<title>政府信息公开年报</title></head><body><ul>";
  for (int i = 0; i < reports; ++i) {
    std::string title = "测试单位" + std::to_string(host) + "第" + std::to_string(i) + "号" + std::to_string(2000 + i) +
                        "年政府信息公开工作年度报告";
    html += "<li><a href=\"/art/" + std::to_string(i) + ".html\">" + title + "</a></li>";
  }
  return html + "</ul></body></html>";
}

std::string report_page(int host, int index) {
  std::string title = "测试单位" + std::to_string(host) + "第" + std::to_string(index) + "号" + std::to_string(2000 + index) +
                      "年政府信息公开工作年度报告";
  std::string body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>" + title + "</h1>";
  for (int p = 0; p < 20; ++p) body += "<p>一、总体情况。本页为 nianbao 礼貌性测试与基准测试构造的页面。</p>";
  return body + "</body></html>";
}

// Sets the body through a sized content provider: httplib then sends it as is, never compressed,
// so every client (nianbao, Scrapy, bare libcurl) gets the same bytes whatever Accept-Encoding it
// sends — and no client pays for the server's Brotli compression on the shared CPU.
void set_uncompressed(httplib::Response& response, std::string body, const char* content_type) {
  auto shared = std::make_shared<std::string>(std::move(body));
  response.set_content_provider(shared->size(), content_type,
                                [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                                  return sink.write(shared->data() + offset, length);
                                });
}

}  // namespace

struct MultiHostSite::Host {
  int number = 0;
  std::string address;
  int port = 0;
  httplib::Server server;
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<RequestSpan> log;
};

MultiHostSite::MultiHostSite(int hosts, int reports_per_host, int first_octet) : reports_per_host_(reports_per_host) {
  for (int i = 0; i < hosts; ++i) {
    auto host = std::make_unique<Host>();
    host->number = i;
    host->address = "127.0.0." + std::to_string(first_octet + i);
    Host* self = host.get();
    int reports = reports_per_host;
    const double* response_seconds = &response_seconds_;
    host->server.Get(R"(/.*)", [self, reports, response_seconds](const httplib::Request& request,
                                                                 httplib::Response& response) {
      RequestSpan span{request.path, steady_seconds(), 0};
      if (*response_seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(*response_seconds));
      if (request.path == "/robots.txt") {
        set_uncompressed(response, "User-agent: *\nAllow: /\n", "text/plain");
      } else if (request.path == "/index.html") {
        set_uncompressed(response, column_page(self->number, reports), "text/html; charset=utf-8");
      } else if (request.path.rfind("/art/", 0) == 0) {
        set_uncompressed(response, report_page(self->number, std::atoi(request.path.c_str() + 5)), "text/html; charset=utf-8");
      } else {
        response.status = 404;
      }
      span.ended_at = steady_seconds();
      std::lock_guard<std::mutex> lock(self->mutex);
      self->log.push_back(span);
    });
    hosts_.push_back(std::move(host));
  }
}

MultiHostSite::~MultiHostSite() { stop(); }

void MultiHostSite::start() {
  for (auto& host : hosts_) {
    host->port = host->server.bind_to_any_port(host->address);
    if (host->port <= 0) throw std::runtime_error("multi-host site: cannot listen on " + host->address);
    Host* self = host.get();
    host->thread = std::thread([self] { self->server.listen_after_bind(); });
    while (!host->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void MultiHostSite::stop() {
  for (auto& host : hosts_) {
    if (!host->thread.joinable()) continue;
    host->server.stop();
    host->thread.join();
  }
}

std::vector<std::string> MultiHostSite::seed_urls() const {
  std::vector<std::string> urls;
  for (const auto& host : hosts_) urls.push_back("http://" + host->address + ":" + std::to_string(host->port) + "/index.html");
  return urls;
}

std::string MultiHostSite::sources_csv(const std::string& agency_prefix, const std::string& region_code,
                                       const std::string& level) const {
  std::string csv = "agency,region_code,level,url\n";
  std::vector<std::string> urls = seed_urls();
  for (size_t i = 0; i < urls.size(); ++i)
    csv += agency_prefix + std::to_string(i) + "," + region_code + "," + level + "," + urls[i] + "\n";
  return csv;
}

std::vector<std::vector<RequestSpan>> MultiHostSite::request_log() const {
  std::vector<std::vector<RequestSpan>> logs;
  for (const auto& host : hosts_) {
    std::lock_guard<std::mutex> lock(host->mutex);
    logs.push_back(host->log);
  }
  return logs;
}

}  // namespace nianbao::demo
