// A bounded, order-preserving worker pool: tasks run on N threads, their results are taken back in
// submission order, at most `window` tasks are in flight, and a throwing task fails alone.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace nianbao {

// What one task gave: its value, or the exception it threw (then `value` is empty).
template <typename Result>
struct PoolOutcome {
  std::optional<Result> value;
  std::exception_ptr error;
};

// The message of a task's exception ("unknown error" when it threw something not an exception).
inline std::string pool_error_message(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& thrown) {
    return thrown.what();
  } catch (...) {
    return "unknown error";
  }
}

// The number of workers a `-j` of `requested` means: 0 asks for one per core; never fewer than one.
inline unsigned pool_workers(unsigned requested) {
  if (requested == 0) requested = std::thread::hardware_concurrency();
  return std::max(requested, 1u);
}

// Tasks are started in submission order by `workers` threads; take_next() hands the outcomes back
// in that same order. A task counts as in flight from submit() until its outcome is taken, so at
// most `window` inputs and results are held at once. One thread may submit while another takes.
template <typename Result>
class OrderedPool {
 public:
  using Task = std::function<Result()>;

  OrderedPool(unsigned workers, size_t window) : window_(std::max<size_t>(window, 1)) {
    workers = std::max(workers, 1u);
    threads_.reserve(workers);
    for (unsigned index = 0; index < workers; ++index) threads_.emplace_back([this] { work(); });
  }

  // Drops the tasks not started yet, waits for the running ones and joins the threads.
  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      slots_.erase(slots_.begin() + static_cast<std::ptrdiff_t>(started_), slots_.end());
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // Queues `task`; blocks while `window` tasks are in flight (a thread that also takes must check
  // full() first, or it waits for itself).
  void submit(Task task) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stopping_ || slots_.size() < window_; });
    if (stopping_) return;
    slots_.push_back(Slot{std::move(task), false, {}});
    changed_.notify_all();
  }

  // The oldest in-flight task's outcome, once it has finished. With nothing in flight it waits for
  // a submit(); nullopt once stop() was called and nothing is left to take.
  std::optional<PoolOutcome<Result>> take_next() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return (!slots_.empty() && slots_.front().done) || (stopping_ && slots_.empty()); });
    if (slots_.empty()) return std::nullopt;
    PoolOutcome<Result> outcome = std::move(slots_.front().outcome);
    slots_.pop_front();
    --started_;
    changed_.notify_all();
    return outcome;
  }

  // Ends take_next()'s wait for new tasks once the ones in flight are taken; later submits are dropped.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
  }

  size_t in_flight() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return slots_.size();
  }
  bool full() const { return in_flight() >= window_; }
  size_t window() const { return window_; }

 private:
  struct Slot {
    Task task;
    bool done = false;
    PoolOutcome<Result> outcome;
  };

  static PoolOutcome<Result> run(Task& task) {
    PoolOutcome<Result> outcome;
    try {
      outcome.value.emplace(task());
    } catch (...) {
      outcome.error = std::current_exception();
    }
    return outcome;
  }

  // Slots are started front to back, so the started ones are always the first `started_`; a deque
  // keeps references to them valid while others are pushed and popped.
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stopping_ || started_ < slots_.size(); });
      if (started_ >= slots_.size()) return;  // stopping, nothing left to start
      Slot& slot = slots_[started_++];
      Task task = std::move(slot.task);
      lock.unlock();
      PoolOutcome<Result> outcome = run(task);
      task = nullptr;  // frees what the task held (its input) before the result waits to be taken
      lock.lock();
      slot.outcome = std::move(outcome);
      slot.done = true;
      changed_.notify_all();
    }
  }

  size_t window_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Slot> slots_;  // in flight, oldest first
  size_t started_ = 0;      // slots_[0, started_) are running or done
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Maps items 0..count-1 through the pool, in order, on the calling thread's terms: make_task(i)
// runs here and returns the work for a worker; consume(i, outcome) runs here, in order of i. At
// most `window` items are in flight between the two.
template <typename Result, typename MakeTask, typename Consume>
void ordered_map(size_t count, unsigned workers, size_t window, MakeTask make_task, Consume consume) {
  OrderedPool<Result> pool(workers, window);
  size_t next_to_consume = 0;
  auto consume_one = [&] {
    std::optional<PoolOutcome<Result>> outcome = pool.take_next();
    consume(next_to_consume++, std::move(*outcome));
  };
  for (size_t index = 0; index < count; ++index) {
    if (pool.full()) consume_one();
    pool.submit(make_task(index));
  }
  while (next_to_consume < count) consume_one();
}

}  // namespace nianbao
