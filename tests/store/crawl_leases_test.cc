// The shared crawl frontier's claims (store/crawl_leases.h) on both backends: one turn per host and
// one holder per URL across workers, delays and blocks kept on the database's clock, claims that
// expire unless renewed, dead workers' unfinished reads and deliveries taken over, and several
// workers claiming at once from their own connections never taking the same URL twice.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store/crawl_leases.h"
#include "store/crawl_state.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using testing::Backend;
using testing::BackendDatabase;

class CrawlLeasesTest : public ::testing::TestWithParam<Backend> {
 protected:
  // `per_host` queued GET URLs on each of `hosts` hosts (h0, h1, …); their ids by host, in order.
  std::map<std::string, std::vector<int64_t>> fill(CrawlState& state, int hosts, int per_host) {
    std::map<std::string, std::vector<int64_t>> ids;
    for (int url = 0; url < per_host; ++url) {
      for (int host = 0; host < hosts; ++host) {
        std::string name = "http://h" + std::to_string(host);
        CrawlNewUrl row;
        row.url = name + "/page" + std::to_string(url);
        row.fingerprint = "GET " + row.url;
        row.method = "GET";
        row.host = name;
        row.kind = "report";
        ids[name].push_back(*state.add_url(row));
        state.ensure_host(name);
      }
    }
    return ids;
  }
};

void sleep_seconds(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }

TEST_P(CrawlLeasesTest, ATurnIsOneHostAndItsOldestDueUrlAndNoHostIsClaimedTwice) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 3, 2);
  CrawlLeases first(state.session(), "first", 60), second(state.session(), "second", 60);

  std::vector<CrawlTurn> turns = first.claim_turns(10, 1e9);
  ASSERT_EQ(turns.size(), 3u) << "one turn per host, however many slots were asked for";
  std::set<std::string> hosts;
  for (const CrawlTurn& turn : turns) {
    hosts.insert(turn.host);
    EXPECT_EQ(turn.url.id, ids.at(turn.host).front()) << "the host's oldest URL";
    EXPECT_EQ(turn.url.host, turn.host);
  }
  EXPECT_EQ(hosts.size(), 3u);
  EXPECT_TRUE(second.claim_turns(10, 1e9).empty()) << "every host's turn is held by the first worker";
  EXPECT_FALSE(second.take_turn("http://h0").has_value());

  ASSERT_TRUE(first.end_turn("http://h0", 0, 0, 0));
  std::vector<CrawlTurn> next = second.claim_turns(10, 1e9);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].host, "http://h0");
  EXPECT_EQ(next[0].url.id, ids.at("http://h0")[1]) << "the first URL is still leased to the first worker";
  EXPECT_FALSE(first.end_turn("http://h0", 0, 0, 0)) << "the turn now belongs to the second worker";
}

TEST_P(CrawlLeasesTest, TheHostWaitsTheDelayItWasGivenAndABlockOutlastsIt) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  fill(state, 2, 3);
  CrawlLeases worker(state.session(), "w", 60);
  ASSERT_EQ(worker.claim_turns(2, 1e9).size(), 2u);
  ASSERT_TRUE(worker.end_turn("http://h0", 3600, 0, 0));   // next request in an hour
  ASSERT_TRUE(worker.end_turn("http://h1", 0, 3600, 4));   // due now, but blocked for an hour
  // Neither host is due, though both have queued URLs nobody holds.
  CrawlLeases other(state.session(), "other", 60);
  EXPECT_TRUE(other.claim_turns(5, 1e9).empty());
  EXPECT_FALSE(other.take_turn("http://h0").has_value());
  EXPECT_FALSE(other.take_turn("http://h1").has_value());
  // A block is never shortened by a later turn's shorter one.
  Statement free_h1(state.session(), "UPDATE crawl_hosts SET next_allowed_at = 0 WHERE host = 'http://h1'", "test");
  free_h1.run();
  EXPECT_FALSE(other.take_turn("http://h1").has_value()) << "still blocked";
  Statement unblock(state.session(), "UPDATE crawl_hosts SET blocked_until = 0 WHERE host = 'http://h1'", "test");
  unblock.run();
  std::optional<int> level = other.take_turn("http://h1");
  ASSERT_TRUE(level.has_value());
  EXPECT_EQ(*level, 4) << "the backoff level travels with the host";
}

TEST_P(CrawlLeasesTest, AUrlDueLaterOnTheWorkersClockIsNotClaimedBeforeThen) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 1, 1);
  state.update_url(ids.at("http://h0")[0], {"queued", 1, 5000.0, "retry later"});
  CrawlLeases worker(state.session(), "w", 60);
  EXPECT_TRUE(worker.claim_turns(1, 4999.0).empty());
  std::vector<CrawlTurn> turns = worker.claim_turns(1, 5000.0);
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(turns[0].url.tries, 1);
}

TEST_P(CrawlLeasesTest, ClaimsExpireUnlessRenewedAndThenPassToAnotherWorker) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 1, 1);
  constexpr double kLease = 1.0;
  CrawlLeases dying(state.session(), "dying", kLease), living(state.session(), "living", kLease);
  ASSERT_EQ(dying.claim_turns(1, 1e9).size(), 1u);
  sleep_seconds(kLease * 0.6);
  dying.renew();
  sleep_seconds(kLease * 0.6);  // past the first expiry, not the renewed one
  EXPECT_TRUE(living.claim_turns(1, 1e9).empty()) << "renewed claims still hold";
  sleep_seconds(kLease * 0.6);  // the renewal ran out
  std::vector<CrawlTurn> taken = living.claim_turns(1, 1e9);
  ASSERT_EQ(taken.size(), 1u) << "an expired turn and lease pass to another worker";
  EXPECT_EQ(taken[0].url.id, ids.at("http://h0")[0]);
  EXPECT_FALSE(dying.end_turn("http://h0", 0, 0, 0)) << "the dead worker's late answer does not end the new turn";
}

TEST_P(CrawlLeasesTest, AWorkerLeavingReleasesWhatItHeldAtOnce) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 2, 1);
  CrawlLeases leaving(state.session(), "leaving", 3600), staying(state.session(), "staying", 3600);
  ASSERT_EQ(leaving.claim_turns(2, 1e9).size(), 2u);
  EXPECT_TRUE(staying.claim_turns(2, 1e9).empty());
  leaving.release_all();
  EXPECT_EQ(staying.claim_turns(2, 1e9).size(), 2u) << "no need to wait an hour for the leases to expire";
}

TEST_P(CrawlLeasesTest, AUrlsLeaseEndsWithItUnlessItsBodyWaitsForTheSink) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 2, 1);
  CrawlLeases worker(state.session(), "w", 60);
  ASSERT_EQ(worker.claim_turns(2, 1e9).size(), 2u);
  int64_t listed = ids.at("http://h0")[0], delivered = ids.at("http://h1")[0];
  auto owner = [&](int64_t id) {
    Statement row(state.session(), "SELECT COALESCE(lease_owner, '') FROM crawl_urls WHERE id = ?1", "test");
    row.bind(1, id).step();
    return row.column_text(0);
  };
  state.update_url(listed, {"queued", 0, -1, "reading"});
  EXPECT_EQ(owner(listed), "w") << "recorded, being read: still held";
  state.update_url(listed, {"done", 0, 0, ""});
  EXPECT_EQ(owner(listed), "");
  state.set_stored_copy(delivered, {"ab", "", "", "text/html", "utf-8", true});
  state.update_url(delivered, {"done", 0, 0, ""});
  EXPECT_EQ(owner(delivered), "w") << "its body waits for the sink";
  EXPECT_TRUE(CrawlLeases(state.session(), "x", 60).work_left()) << "another worker waits for that delivery";
  EXPECT_FALSE(worker.work_left()) << "the holder's own delivery is not work for the frontier";
  state.mark_delivered(delivered);
  EXPECT_EQ(owner(delivered), "");
}

TEST_P(CrawlLeasesTest, ADeadWorkersUnfinishedReadsAndDeliveriesAreTakenOverOnce) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 2, 1);
  CrawlLeases dead(state.session(), "dead", 0.5);
  ASSERT_EQ(dead.claim_turns(2, 1e9).size(), 2u);
  int64_t reading = ids.at("http://h0")[0], delivering = ids.at("http://h1")[0];
  state.update_url(reading, {"queued", 0, -1, "processing did not finish"});
  state.set_stored_copy(delivering, {"cd", "", "", "application/pdf", "", true});
  state.update_url(delivering, {"done", 0, 0, ""});
  CrawlLeases first(state.session(), "first", 60), second(state.session(), "second", 60);
  EXPECT_TRUE(first.claim_unfinished_reads(10).empty()) << "held by a live lease";
  EXPECT_TRUE(first.claim_pending_deliveries(10).empty());
  sleep_seconds(0.8);
  std::vector<CrawlQueuedUrl> reads = first.claim_unfinished_reads(10);
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].id, reading);
  EXPECT_EQ(reads[0].next_fetch_at, -1);
  std::vector<CrawlPendingDelivery> deliveries = first.claim_pending_deliveries(10);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].url_id, delivering);
  EXPECT_EQ(deliveries[0].sha256, "cd");
  EXPECT_TRUE(second.claim_unfinished_reads(10).empty()) << "taken over once";
  EXPECT_TRUE(second.claim_pending_deliveries(10).empty());
}

TEST_P(CrawlLeasesTest, WorkIsLeftWhileAnyUrlIsQueuedHeldOrNot) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  CrawlState state(database.target());
  auto ids = fill(state, 1, 2);
  CrawlLeases worker(state.session(), "w", 60);
  EXPECT_TRUE(worker.work_left());
  for (int64_t id : ids.at("http://h0")) state.update_url(id, {"done", 0, 0, ""});
  EXPECT_FALSE(worker.work_left());
}

// Four workers, each on its own connection and thread, claim and finish URLs until none is left:
// every URL is claimed exactly once, and no host's turn is ever held by two workers at once.
TEST_P(CrawlLeasesTest, WorkersClaimingAtOnceNeverTakeTheSameUrlOrHost) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase database(GetParam());
  constexpr int kHosts = 12, kPerHost = 8, kWorkers = 4;
  {
    CrawlState setup(database.target());
    fill(setup, kHosts, kPerHost);
  }
  std::mutex mutex;
  std::map<int64_t, int> claims;
  std::map<std::string, int> holders;  // host -> workers holding its turn right now
  std::atomic<bool> overlap{false};
  std::vector<std::string> errors;
  auto work = [&](int number) {
    try {
      CrawlState state(database.target());
      CrawlLeases leases(state.session(), "worker" + std::to_string(number), 60);
      for (int idle = 0; idle < 200;) {
        std::vector<CrawlTurn> turns = leases.claim_turns(3, 1e9);
        if (turns.empty()) {
          if (!leases.work_left()) break;
          ++idle;
          sleep_seconds(0.005);
          continue;
        }
        for (const CrawlTurn& turn : turns) {
          std::lock_guard<std::mutex> lock(mutex);
          ++claims[turn.url.id];
          if (++holders[turn.host] > 1) overlap = true;
        }
        for (const CrawlTurn& turn : turns) {
          state.update_url(turn.url.id, {"done", 0, 0, ""});
          {
            std::lock_guard<std::mutex> lock(mutex);
            --holders[turn.host];
          }
          leases.end_turn(turn.host, 0, 0, 0);
        }
      }
    } catch (const std::exception& error) {
      std::lock_guard<std::mutex> lock(mutex);
      errors.push_back(error.what());
    }
  };
  std::vector<std::thread> workers;
  for (int number = 0; number < kWorkers; ++number) workers.emplace_back(work, number);
  for (std::thread& worker : workers) worker.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(claims.size(), static_cast<size_t>(kHosts * kPerHost)) << "every URL was claimed";
  for (const auto& [id, count] : claims) EXPECT_EQ(count, 1) << "URL " << id << " claimed " << count << " times";
  EXPECT_FALSE(overlap) << "a host's turn was held by two workers at once";
}

INSTANTIATE_TEST_SUITE_P(Backends, CrawlLeasesTest, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
