// Clean-up after a test binary's last test, while its static objects (the PostgreSQL test server
// among them) still exist: for databases built once on first use and shared by a suite's tests.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <utility>

namespace nianbao::testing {

// `cleanup` runs in a global test environment's TearDown, i.e. inside RUN_ALL_TESTS after the last
// test (GoogleTest owns and deletes the environment).
inline void after_all_tests(std::function<void()> cleanup) {
  struct Cleanup : ::testing::Environment {
    std::function<void()> run;
    void TearDown() override {
      if (run) run();
    }
  };
  auto* environment = new Cleanup;
  environment->run = std::move(cleanup);
  ::testing::AddGlobalTestEnvironment(environment);
}

}  // namespace nianbao::testing
