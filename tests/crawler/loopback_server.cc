// LoopbackServer implementation: a pre-routing handler logs each request before its route runs.
#include "tests/crawler/loopback_server.h"

#include <chrono>
#include <stdexcept>

#include "tests/crawler/test_support.h"

namespace nianbao::crawler::testing {

LoopbackServer::LoopbackServer(std::string address) : address_(std::move(address)) {
  server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back({request.method, request.path, steady_now()});
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

LoopbackServer::~LoopbackServer() { stop(); }

void LoopbackServer::start() {
  port_ = server_.bind_to_any_port(address_);
  if (port_ <= 0) throw std::runtime_error("cannot listen on " + address_);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void LoopbackServer::stop() {
  if (thread_.joinable()) {
    server_.stop();
    thread_.join();
  }
}

std::string LoopbackServer::url(const std::string& path) const {
  return "http://" + address_ + ":" + std::to_string(port_) + path;
}

std::vector<SeenRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int LoopbackServer::count(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int n = 0;
  for (const SeenRequest& request : requests_) n += request.path == path;
  return n;
}

}  // namespace nianbao::crawler::testing
