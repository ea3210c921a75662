// The ordered worker pool (common/ordered_pool.h): results come back in input order whatever order
// the workers finish in, a throwing task fails alone, and the in-flight window and thread count hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/ordered_pool.h"

namespace nianbao {
namespace {

// Later items finish first: item i sleeps longer the smaller i is within each group of four.
std::chrono::microseconds scrambled_delay(size_t index) { return std::chrono::microseconds(200 * (4 - index % 4)); }

TEST(ParallelPool, ResultsComeBackInInputOrderWhateverOrderTheyFinishIn) {
  std::vector<size_t> consumed;
  std::vector<std::string> results;
  std::mutex finish_mutex;
  std::vector<size_t> finish_order;
  auto make_task = [&](size_t index) {
    return [&, index] {
      std::this_thread::sleep_for(scrambled_delay(index));
      std::lock_guard<std::mutex> lock(finish_mutex);
      finish_order.push_back(index);
      return "item " + std::to_string(index * index);
    };
  };
  auto consume = [&](size_t index, PoolOutcome<std::string>&& outcome) {
    consumed.push_back(index);
    ASSERT_TRUE(outcome.value.has_value());
    results.push_back(*outcome.value);
  };
  ordered_map<std::string>(100, 4, 8, make_task, consume);
  ASSERT_EQ(results.size(), 100u);
  for (size_t index = 0; index < 100; ++index) {
    EXPECT_EQ(consumed[index], index);
    EXPECT_EQ(results[index], "item " + std::to_string(index * index));
  }
  EXPECT_FALSE(std::is_sorted(finish_order.begin(), finish_order.end()))
      << "the workers really finished out of order, so the order above is the pool's doing";
}

TEST(ParallelPool, AThrowingTaskFailsAloneAndTheOthersGoOn) {
  std::vector<std::string> seen;
  auto make_task = [](size_t index) {
    return [index]() -> int {
      if (index == 3 || index == 7) throw std::runtime_error("bad item " + std::to_string(index));
      return static_cast<int>(index) * 10;
    };
  };
  auto consume = [&](size_t index, PoolOutcome<int>&& outcome) {
    seen.push_back(outcome.value ? std::to_string(*outcome.value) : "error: " + pool_error_message(outcome.error));
    EXPECT_EQ(outcome.value.has_value(), outcome.error == nullptr) << index;
  };
  ordered_map<int>(10, 3, 6, make_task, consume);
  std::vector<std::string> expected = {"0", "10", "20", "error: bad item 3", "40", "50", "60", "error: bad item 7", "80", "90"};
  EXPECT_EQ(seen, expected);
}

TEST(ParallelPool, NoMoreItemsInFlightThanTheWindowAndNoMoreRunningThanTheWorkers) {
  constexpr unsigned kWorkers = 3;
  constexpr size_t kWindow = 5;
  std::atomic<int> alive{0}, most_alive{0}, running{0}, most_running{0};
  auto raise = [](std::atomic<int>& counter, std::atomic<int>& most) {
    int now = ++counter;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
  };
  auto make_task = [&](size_t) {
    raise(alive, most_alive);  // an input exists from make_task until its result is consumed
    return [&] {
      raise(running, most_running);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --running;
      return 1;
    };
  };
  int total = 0;
  auto consume = [&](size_t, PoolOutcome<int>&& outcome) {
    std::this_thread::sleep_for(std::chrono::microseconds(300));  // a slow writer lets results pile up
    total += *outcome.value;
    --alive;
  };
  ordered_map<int>(60, kWorkers, kWindow, make_task, consume);
  EXPECT_EQ(total, 60);
  EXPECT_LE(most_alive.load(), static_cast<int>(kWindow));
  EXPECT_GE(most_alive.load(), 2) << "items overlapped at all";
  EXPECT_LE(most_running.load(), static_cast<int>(kWorkers));
  EXPECT_GE(most_running.load(), 2) << "the tasks ran on several threads at once";
}

TEST(ParallelPool, OneWorkerStillFinishesEverythingInOrder) {
  std::vector<size_t> order;
  ordered_map<size_t>(
      20, 1, 1, [](size_t index) { return [index] { return index; }; },
      [&](size_t, PoolOutcome<size_t>&& outcome) { order.push_back(*outcome.value); });
  ASSERT_EQ(order.size(), 20u);
  for (size_t index = 0; index < order.size(); ++index) EXPECT_EQ(order[index], index);
}

TEST(ParallelPool, ZeroJobsMeansOnePerCoreAndNeverNone) {
  EXPECT_EQ(pool_workers(3), 3u);
  EXPECT_EQ(pool_workers(0), std::max(std::thread::hardware_concurrency(), 1u));
  EXPECT_GE(pool_workers(0), 1u);
}

TEST(ParallelPool, DestroyingThePoolDropsTasksNotStartedAndJoins) {
  std::atomic<int> ran{0};
  std::atomic<bool> first_started{false};
  {
    OrderedPool<int> pool(1, 10);
    for (int index = 0; index < 10; ++index) {
      pool.submit([&] {
        first_started = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return ++ran;
      });
    }
    while (!first_started) std::this_thread::yield();
  }
  EXPECT_GE(ran.load(), 1);
  EXPECT_LT(ran.load(), 10) << "tasks still queued at destruction are dropped, not run";
}

}  // namespace
}  // namespace nianbao
