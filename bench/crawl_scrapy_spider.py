#!/usr/bin/env python3
# Scrapy side of the crawl benchmark: the same loopback site as nianbao, same politeness (1 request per host, fixed
# delay, robots.txt obeyed) and transfers in flight. Usage: crawl_scrapy_spider.py DELAY [--broad] [--concurrency N] URL...
import argparse

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


parser = argparse.ArgumentParser()
parser.add_argument("delay", type=float)
parser.add_argument("--broad", action="store_true")
parser.add_argument("--concurrency", type=int, default=16)
parser.add_argument("seeds", nargs="+")
arguments = parser.parse_args()
settings = {
    "LOG_LEVEL": "WARNING",
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": arguments.concurrency,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": arguments.delay,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "TELNETCONSOLE_ENABLED": False,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
}
if arguments.broad:
    # Scrapy's own advice for crawling many hosts ("Broad Crawls" in its docs): a scheduler queue that
    # spreads requests over download slots (the politeness run also raises --concurrency to 100 with it,
    # so the global limit does not bind before the per-host one).
    settings["SCHEDULER_PRIORITY_QUEUE"] = "scrapy.pqueues.DownloaderAwarePriorityQueue"
process = CrawlerProcess(settings=settings)
process.crawl(ReportSpider, seeds=arguments.seeds)
process.start()
