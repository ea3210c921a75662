// Opening under concurrency: two processes (and two threads) making the first ingests into a file
// that does not exist yet both store their document, and an ingest that meets a writer holding a
// long transaction waits for it instead of failing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <latch>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/sha256.h"
#include "extract/extractor.h"
#include "store/database.h"
#include "store/schema.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::query_int;
using store_test::query_text;
using store_test::TempDir;

constexpr int kTrials = 20;

struct Input {
  std::string origin, bytes;
  Extraction extraction;
};

Input read_input(const std::string& relative) {
  std::string path = std::string(NIANBAO_FIXTURES_DIR) + "/" + relative;
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  Input input{path, buffer.str(), {}};
  input.extraction = extract_document({input.bytes, input.origin, ""});
  return input;
}

const std::vector<Input>& inputs() {
  static const std::vector<Input> two = {read_input("seed/fushun-amr-2021.txt"), read_input("derived/f2019-pipe.txt")};
  return two;
}

// The sha256 of every input stored in `path`, or a description of what is missing.
std::string missing_documents(const std::string& path) {
  std::string missing;
  for (const Input& input : inputs()) {
    std::string sha = sha256_hex(input.bytes);
    if (query_int(path, "SELECT count(*) FROM documents WHERE sha256 = '" + sha + "'") != 1) {
      missing += input.origin + " ";
    }
  }
  return missing;
}

void ingest(const std::string& path, const Input& input) {
  Database db(path);
  db.ingest(input.bytes, input.origin, input.extraction);
}

// Forks one child per input; each waits on `start` (a pipe the parent closes) and ingests.
std::vector<pid_t> fork_ingests(const std::string& path, const int (&start)[2]) {
  std::vector<pid_t> children;
  for (const Input& input : inputs()) {
    pid_t child = fork();
    if (child == 0) {
      close(start[1]);
      char byte;
      while (read(start[0], &byte, 1) > 0) {
      }
      try {
        ingest(path, input);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child ingest failed: %s\n", error.what());
        _exit(1);
      }
      _exit(0);
    }
    children.push_back(child);
  }
  return children;
}

TEST(ConcurrentOpen, InputsAreRealReports) {
  for (const Input& input : inputs()) {
    ASSERT_EQ(input.extraction.status, ExtractStatus::ok) << input.origin;
    EXPECT_FALSE(input.extraction.reports.empty()) << input.origin;
  }
}

TEST(ConcurrentOpen, TwoProcessesMakingTheFirstIngestsIntoANewFileBothStore) {
  inputs();  // extracted before forking
  int stored = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    TempDir dir;
    std::string path = dir.file("new.sqlite");
    int start[2];
    ASSERT_EQ(pipe(start), 0);
    std::vector<pid_t> children = fork_ingests(path, start);
    close(start[0]);
    close(start[1]);  // both children start now
    for (pid_t child : children) {
      int status = 0;
      waitpid(child, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "trial " << trial << ": a child ingest failed";
    }
    EXPECT_EQ(missing_documents(path), "") << "trial " << trial;
    stored += static_cast<int>(query_int(path, "SELECT count(*) FROM documents"));
    EXPECT_EQ(query_int(path, "PRAGMA user_version"), latest_schema_version());
    EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
  }
  EXPECT_EQ(stored, 2 * kTrials);
}

TEST(ConcurrentOpen, TwoThreadsMakingTheFirstIngestsIntoANewFileBothStore) {
  int stored = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    TempDir dir;
    std::string path = dir.file("new.sqlite");
    std::latch start(2);
    std::vector<std::string> errors(2);
    std::vector<std::thread> threads;
    for (size_t index = 0; index < 2; ++index) {
      threads.emplace_back([&, index] {
        start.arrive_and_wait();
        try {
          ingest(path, inputs()[index]);
        } catch (const std::exception& error) {
          errors[index] = error.what();
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(errors[0] + errors[1], "") << "trial " << trial;
    EXPECT_EQ(missing_documents(path), "") << "trial " << trial;
    stored += static_cast<int>(query_int(path, "SELECT count(*) FROM documents"));
  }
  EXPECT_EQ(stored, 2 * kTrials);
}

// Longer than the 10 s busy timeout that used to make the second writer fail.
constexpr auto kHeld = std::chrono::seconds(12);

TEST(ConcurrentOpen, AnIngestWaitsForAWriterHoldingALongTransaction) {
  static_assert(kBusyTimeout > kHeld);
  TempDir dir;
  std::string path = dir.file("busy.sqlite");
  ingest(path, inputs()[0]);
  Database holder(path, OpenMode::existing);
  holder.begin_batch();  // BEGIN IMMEDIATE: holds the write lock until commit_batch()
  holder.ingest("held bytes", "held.txt", store_test::sample_extraction({store_test::sample_report("甲局", 2021)}));

  std::string error;
  std::chrono::steady_clock::duration waited{};
  std::thread second([&] {
    auto started = std::chrono::steady_clock::now();
    try {
      ingest(path, inputs()[1]);
    } catch (const std::exception& failure) {
      error = failure.what();
    }
    waited = std::chrono::steady_clock::now() - started;
  });
  std::this_thread::sleep_for(kHeld);
  holder.commit_batch();
  second.join();

  EXPECT_EQ(error, "");
  EXPECT_GE(waited, kHeld - std::chrono::seconds(1)) << "the second ingest did not wait for the lock";
  EXPECT_EQ(missing_documents(path), "");
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM documents WHERE origin = 'held.txt'"), 1);
}

// A bulk writer commits batch after batch with no gap between COMMIT and the next BEGIN IMMEDIATE
// (as `nianbao ingest` does); a second writer arriving meanwhile gets its turn after one batch
// instead of waiting for the whole run.
TEST(ConcurrentOpen, ABulkWriterCommittingBackToBackLetsAWaitingWriterTakeItsTurn) {
  TempDir dir;
  std::string path = dir.file("bulk.sqlite");
  ingest(path, inputs()[0]);
  constexpr auto kBatch = std::chrono::milliseconds(400);
  constexpr int kBatches = 12;  // about 5 s of holding the lock
  using Clock = std::chrono::steady_clock;
  Clock::time_point bulk_done, second_started, second_done;
  std::latch bulk_started(1);
  std::thread bulk([&] {
    Database db(path, OpenMode::existing);
    for (int batch = 0; batch < kBatches; ++batch) {
      db.begin_batch();
      db.ingest("bulk document " + std::to_string(batch), "bulk-" + std::to_string(batch) + ".txt",
                store_test::sample_extraction({}));
      if (batch == 0) bulk_started.count_down();
      std::this_thread::sleep_for(kBatch);  // the work of a batch, under the write lock
      db.commit_batch();
    }
    bulk_done = Clock::now();
  });
  bulk_started.wait();
  std::this_thread::sleep_for(kBatch);
  second_started = Clock::now();
  std::string error;
  try {
    ingest(path, inputs()[1]);
  } catch (const std::exception& failure) {
    error = failure.what();
  }
  second_done = Clock::now();
  bulk.join();

  EXPECT_EQ(error, "");
  EXPECT_EQ(missing_documents(path), "");
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM documents WHERE origin LIKE 'bulk-%'"), kBatches);
  // One batch plus the pause at most, with slack for a loaded machine; far before the bulk ends.
  EXPECT_LT(second_done - second_started, 3 * kBatch + kTurnPause);
  EXPECT_LT(second_done, bulk_done - 4 * kBatch);
}

}  // namespace
}  // namespace nianbao::store
