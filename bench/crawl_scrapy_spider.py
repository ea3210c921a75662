#!/usr/bin/env python3
# Scrapy side of the crawl benchmark: crawls the same 20-host site as nianbao with the same politeness
# (1 request per host, fixed delay, robots.txt obeyed). Usage: crawl_scrapy_spider.py DELAY [--broad] URL...
import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class ReportSpider(scrapy.Spider):
    name = "reports"

    def __init__(self, seeds, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = seeds

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_report)

    def parse_report(self, response):
        yield {"url": response.url, "bytes": len(response.body)}


delay = float(sys.argv[1])
broad = len(sys.argv) > 2 and sys.argv[2] == "--broad"
seeds = sys.argv[3:] if broad else sys.argv[2:]
settings = {
    "LOG_LEVEL": "WARNING",
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": delay,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "TELNETCONSOLE_ENABLED": False,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
}
if broad:
    # Scrapy's own advice for crawling many hosts ("Broad Crawls" in its docs): a scheduler queue that
    # spreads requests over download slots, and a global limit that does not bind before the per-host one.
    settings["SCHEDULER_PRIORITY_QUEUE"] = "scrapy.pqueues.DownloaderAwarePriorityQueue"
    settings["CONCURRENT_REQUESTS"] = 100
process = CrawlerProcess(settings=settings)
process.crawl(ReportSpider, seeds=seeds)
process.start()
