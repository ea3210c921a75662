#!/usr/bin/env python3
# Scrapy side of the crawl benchmark: crawls the same 20-host site as nianbao with the same
# politeness (1 request per host, fixed delay, robots.txt obeyed). Usage: crawl_scrapy_spider.py DELAY URL...
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
process = CrawlerProcess(settings={
    "LOG_LEVEL": "WARNING",
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": delay,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "TELNETCONSOLE_ENABLED": False,
})
process.crawl(ReportSpider, seeds=sys.argv[2:])
process.start()
