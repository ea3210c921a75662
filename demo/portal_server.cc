// Demo portal routes (see portal_server.h). Static files (in the current edition, or with an imposed status) come from
// the site directory; the two CMS endpoints (downfile.jsp, dataproxy.jsp) are emulated from files beside their column.
#include "demo/portal_server.h"

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/sha256.h"
#include "common/text/decode.h"
#include "common/text/html_charset.h"

#ifndef NIANBAO_DEMO_SITE_DIR
#define NIANBAO_DEMO_SITE_DIR "fixtures/portal/site"
#endif

namespace nianbao::demo {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string content_type_for(const fs::path& path, const std::string& bytes) {
  std::string extension = path.extension().string();
  if (extension == ".html" || extension == ".htm") {
    std::vector<std::string> declared = meta_charset_labels(bytes.substr(0, 2048));
    bool gbk = !declared.empty() && canonical_charset(declared.front()) == "GB18030";
    return gbk ? "text/html; charset=GBK" : "text/html; charset=utf-8";
  }
  if (extension == ".pdf") return "application/pdf";
  if (extension == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (extension == ".doc") return "application/msword";
  if (extension == ".js") return "application/javascript";
  if (extension == ".xml") return "text/xml; charset=utf-8";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string http_date(fs::file_time_type time) {
  auto system = std::chrono::time_point_cast<std::chrono::seconds>(time - fs::file_time_type::clock::now() +
                                                                   std::chrono::system_clock::now());
  std::time_t seconds = std::chrono::system_clock::to_time_t(system);
  char buffer[64];
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return buffer;
}

// `X.editionK.ext` and `X.ext.status` are the server's own state, not pages of the site.
bool is_server_state_file(const std::string& request_path) {
  return request_path.find(".edition") != std::string::npos ||
         (request_path.size() > 7 && request_path.compare(request_path.size() - 7, 7, ".status") == 0);
}

// The bytes served for `path` in `edition`: the newest `X.editionK.ext` (2 <= K <= edition) beside it, else itself.
fs::path edition_of(const fs::path& path, int edition) {
  for (int candidate = edition; candidate >= 2; --candidate) {
    fs::path variant = path.parent_path() / (path.stem().string() + ".edition" + std::to_string(candidate) + path.extension().string());
    if (fs::is_regular_file(variant)) return variant;
  }
  return path;
}

// What a `X.ext.status` file beside `path` imposes: its first line the HTTP status, the next lines
// headers ("Retry-After: 0"). Status 0 when there is no such file.
struct ImposedResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

ImposedResponse imposed_response(const fs::path& path) {
  fs::path status_file = path;
  status_file += ".status";
  ImposedResponse imposed;
  if (!fs::is_regular_file(status_file)) return imposed;
  std::istringstream lines(read_file(status_file));
  std::string line;
  if (std::getline(lines, line)) imposed.status = std::atoi(line.c_str());
  while (std::getline(lines, line)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    size_t value = line.find_first_not_of(' ', colon + 1);
    imposed.headers.emplace_back(line.substr(0, colon), value == std::string::npos ? "" : line.substr(value));
  }
  return imposed;
}

// Resolves a request path inside the site directory; empty when it escapes or does not exist.
fs::path file_for(const fs::path& root, const std::string& request_path) {
  if (request_path.find("..") != std::string::npos || is_server_state_file(request_path)) return {};
  fs::path path = root / request_path.substr(1);
  if (fs::is_directory(path)) {
    for (const char* index : {"index.html", "index.htm"})
      if (fs::exists(path / index)) return path / index;
    return {};
  }
  return fs::is_regular_file(path) ? path : fs::path{};
}

void serve_static(const fs::path& root, int edition, const httplib::Request& request, httplib::Response& response) {
  fs::path path = file_for(root, request.path);
  if (path.empty()) {
    response.status = 404;
    response.set_content("<html><body>404 Not Found</body></html>", "text/html; charset=utf-8");
    return;
  }
  if (ImposedResponse imposed = imposed_response(path); imposed.status != 0) {
    response.status = imposed.status;
    for (const auto& [name, value] : imposed.headers) response.set_header(name, value);
    response.set_content(read_file(path), content_type_for(path, "").c_str());
    return;
  }
  path = edition_of(path, edition);
  std::string bytes = read_file(path);
  std::string etag = "\"";
  etag += sha256_hex(bytes).substr(0, 16);
  etag += '"';
  response.set_header("ETag", etag);
  response.set_header("Last-Modified", http_date(fs::last_write_time(path)));
  if (request.get_header_value("If-None-Match") == etag) {
    response.status = 304;
    return;
  }
  response.set_content(bytes, content_type_for(path, bytes).c_str());
}

std::string parameter(const httplib::Request& request, const std::string& name) {
  if (request.has_param(name.c_str())) return request.get_param_value(name.c_str());
  httplib::Params form;
  httplib::detail::parse_query_text(request.body, form);
  auto found = form.find(name);
  return found == form.end() ? "" : found->second;
}

// /…/module/download/downfile.jsp?classid=0&filename=X → 302 /…/attach/0/X
void serve_downfile(const httplib::Request& request, httplib::Response& response) {
  std::string prefix = request.path.substr(0, request.path.find("/module/"));
  std::string filename = parameter(request, "filename");
  if (filename.empty() || filename.find('/') != std::string::npos || filename.find("..") != std::string::npos) {
    response.status = 404;
    return;
  }
  std::string classid = parameter(request, "classid");
  response.set_redirect(prefix + "/attach/" + (classid.empty() ? "0" : classid) + "/" + filename, 302);
}

// /…/module/web/jpage/dataproxy.jsp?startrecord=S&endrecord=E&perpage=P (columnid in the form)
void serve_dataproxy(const fs::path& root, const httplib::Request& request, httplib::Response& response) {
  std::string prefix = request.path.substr(0, request.path.find("/module/"));
  std::string column = parameter(request, "columnid");
  fs::path records_file = root / prefix.substr(prefix.empty() ? 0 : 1) / "col" / ("col" + column) / "records.xml";
  if (column.empty() || column.find_first_not_of("0123456789") != std::string::npos || !fs::exists(records_file)) {
    response.status = 404;
    return;
  }
  std::string xml = read_file(records_file);
  std::vector<std::string> records;
  for (size_t at = xml.find("<record>"); at != std::string::npos; at = xml.find("<record>", at + 1))
    records.push_back(xml.substr(at, xml.find("</record>", at) + 9 - at));
  long start = std::max(1L, std::atol(parameter(request, "startrecord").c_str()));
  long end = std::min(static_cast<long>(records.size()), std::atol(parameter(request, "endrecord").c_str()));
  long per_page = std::max(1L, std::atol(parameter(request, "perpage").c_str()));
  std::string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<datastore>\n<totalrecord>" +
                     std::to_string(records.size()) + "</totalrecord>\n<totalpage>" +
                     std::to_string((records.size() + per_page - 1) / per_page) + "</totalpage>\n<recordset>\n";
  for (long i = start; i <= end; ++i) body += records[static_cast<size_t>(i - 1)] + "\n";
  body += "</recordset>\n</datastore>\n";
  response.set_content(body, "text/xml; charset=utf-8");
}

}  // namespace

std::string default_site_dir() { return NIANBAO_DEMO_SITE_DIR; }

PortalServer::PortalServer(std::string site_dir) : site_dir_(std::move(site_dir)), server_(std::make_unique<httplib::Server>()) {
  if (!fs::is_directory(site_dir_)) throw std::runtime_error("demo portal: site directory not found: " + site_dir_);
  install_routes();
}

PortalServer::~PortalServer() { stop(); }

void PortalServer::install_routes() {
  fs::path root = site_dir_;
  auto dataproxy = [root](const httplib::Request& request, httplib::Response& response) { serve_dataproxy(root, request, response); };
  server_->Get(R"(.*/module/download/downfile\.jsp)", serve_downfile);
  server_->Get(R"(.*/module/web/jpage/dataproxy\.jsp)", dataproxy);
  server_->Post(R"(.*/module/web/jpage/dataproxy\.jsp)", dataproxy);
  std::shared_ptr<std::atomic<int>> edition = edition_;
  server_->Get(R"(/.*)", [root, edition](const httplib::Request& request, httplib::Response& response) {
    serve_static(root, edition->load(), request, response);
  });
}

void PortalServer::start(const std::string& host, int port) {
  host_ = host;
  bool bound = port == 0 ? (port_ = server_->bind_to_any_port(host)) > 0 : server_->bind_to_port(host, port);
  if (!bound) throw std::runtime_error("demo portal: cannot listen on " + host + ":" + std::to_string(port));
  if (port != 0) port_ = port;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void PortalServer::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

std::string PortalServer::base_url() const { return "http://" + host_ + ":" + std::to_string(port_); }

}  // namespace nianbao::demo
