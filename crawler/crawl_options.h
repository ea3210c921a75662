// Every knob of a crawl, with the polite defaults of portals.md §4 (2 s jittered delay per host, one
// request per host, 3 tries, 60 s × 2^k backoff, robots obeyed) and one timeout policy for every transfer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace nianbao::crawler {

struct CrawlOptions {
  double delay_seconds = 2.0;          // minimum gap between the end of one request and the next, per host
  double delay_jitter = 0.05;          // next start ≈ previous start + delay × (1 + U[0, jitter]), never
                                       // sooner than the delay after the previous end (host_state.h)
  double max_crawl_delay_seconds = 60; // robots.txt Crawl-delay is honoured up to this cap
  int max_concurrency = 16;            // transfers in flight over all hosts (always 1 per host)
  int max_tries = 3;                   // per URL
  double retry_base_seconds = 5;       // per-URL retry after a network error / 5xx: base × 2^(try-1)
  double backoff_base_seconds = 60;    // per-host block on 429/503/412/521/challenge: base × 2^k
  double backoff_max_seconds = 86400;  // cap for the exponential backoff
  double max_retry_after_seconds = 3600;  // a longer Retry-After is cut to this (and logged)
  long connect_timeout_ms = 15000;
  long transfer_timeout_ms = 120000;    // total per transfer, every kind of URL (`--timeout`)
  long low_speed_bytes_per_second = 1024;  // a transfer slower than this for low_speed_seconds is
  long low_speed_seconds = 30;             // abandoned like a timeout (and retried)
  int64_t max_page_bytes = 100LL * 1024 * 1024;        // decoded body cap for pages (and robots.txt: 512 KiB)
  int64_t max_attachment_bytes = 100LL * 1024 * 1024;  // decoded body cap for attachments (`--max-attachment-size`)
  int max_redirects = 10;
  int max_depth = 5;        // hops from a seed (pagination does not count)
  int max_list_pages = 200; // per column
  int64_t max_fetches = 0;  // stop this invocation after N requests (0: no limit); the run resumes later
  // While every transfer slot is busy, the exchanges finished within this window are held and then
  // written together (two commits per window instead of two per exchange). A kill loses the held ones
  // as it loses those in flight: the next run fetches them again. With a slot free they are written at once.
  double write_window_seconds = 0.05;
  // The frontier shared by several workers (issue 11, store/crawl_leases.h): non-empty, this process
  // is the worker of that name and takes hosts' turns and URLs by claims, so that every host's delay
  // holds across all workers; empty, it is the frontier's only user. A claim not renewed for
  // lease_seconds (the worker died) passes to the other workers; renewals come every third of it.
  std::string worker;
  double lease_seconds = 60;
  bool ignore_robots = false;
  double robots_cache_seconds = 86400;
  std::string agent_token = "nianbao";
  std::string user_agent = "nianbao/0.1 (+https://github.com/nianbao/nianbao; government report archiver)";
  double progress_interval_seconds = 0.5;
  std::function<void(const std::string&)> log;  // one line per event; may be empty
};

}  // namespace nianbao::crawler
