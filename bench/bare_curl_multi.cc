// Baseline of the crawl benchmark: a plain libcurl multi loop over the URLs on stdin (one a line), N in flight,
// one connection per host, bodies counted and dropped. Usage: bare_curl_multi CONCURRENCY < urls.txt
#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Totals {
  long fetched = 0, ok = 0;
  long long bytes = 0;
};

size_t count_body(char*, size_t size, size_t count, void* totals) {
  static_cast<Totals*>(totals)->bytes += static_cast<long long>(size * count);
  return size * count;
}

CURL* transfer_for(const std::string& url, Totals& totals) {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &count_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &totals);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  return easy;
}

}  // namespace

int main(int argc, char** argv) {
  long concurrency = argc > 1 ? std::atol(argv[1]) : 16;
  std::vector<std::string> urls;
  for (std::string line; std::getline(std::cin, line);)
    if (!line.empty()) urls.push_back(line);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
  Totals totals;
  size_t next = 0;
  int in_flight = 0;
  auto refill = [&] {
    while (in_flight < concurrency && next < urls.size()) {
      curl_multi_add_handle(multi, transfer_for(urls[next++], totals));
      ++in_flight;
    }
  };
  refill();
  while (in_flight > 0) {
    int running = 0;
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      long status = 0;
      curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      ++totals.fetched;
      if (message->data.result == CURLE_OK && status == 200) ++totals.ok;
      curl_multi_remove_handle(multi, message->easy_handle);
      curl_easy_cleanup(message->easy_handle);
      --in_flight;
    }
    refill();
    if (in_flight > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  std::printf("fetched %ld ok %ld bytes %lld\n", totals.fetched, totals.ok, totals.bytes);
  return totals.ok == static_cast<long>(urls.size()) ? 0 : 1;
}
