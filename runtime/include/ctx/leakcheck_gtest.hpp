// A GoogleTest listener that fails each test that leaks goroutines.
//
//   int main(int argc, char** argv) {
//     ::testing::InitGoogleTest(&argc, argv);
//     ctx::leakcheck::GTestListener::install();   // or install({.ignore_current = true})
//     return RUN_ALL_TESTS();
//   }
//
// At the end of every test it runs verify_none (waiting up to `grace` for
// goroutines that are still finishing) and adds a failure to that test that
// lists each leaked goroutine with its spawn site and state. A goroutine is
// reported once: later tests are not blamed for it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "ctx/clock.hpp"
#include "ctx/leakcheck.hpp"

namespace ctx::leakcheck {

class GTestListener : public ::testing::EmptyTestEventListener {
 public:
  struct Options {
    // how long to wait for goroutines that are still finishing
    Duration grace = std::chrono::milliseconds(500);
    // ignore goroutines already running when each test starts
    // (goleak.IgnoreCurrent); otherwise only those reported before are ignored
    bool ignore_current = false;
  };

  GTestListener() = default;
  explicit GTestListener(Options options) : options_(options) {}

  // Appends a listener to GoogleTest's list (which takes ownership).
  static GTestListener* install(Options options) {
    auto* listener = new GTestListener(options);
    ::testing::UnitTest::GetInstance()->listeners().Append(listener);
    return listener;
  }
  static GTestListener* install() { return install(Options{}); }

  void OnTestStart(const ::testing::TestInfo& /*info*/) override {
    ignored_ = reported_;
    if (options_.ignore_current) {
      for (std::uint64_t id : current_ids()) ignored_.push_back(id);
    }
  }

  void OnTestEnd(const ::testing::TestInfo& /*info*/) override {
    Error leaks = verify_none_except(ignored_, options_.grace);
    if (!leaks) return;
    ADD_FAILURE() << "goroutine leak: " << leaks.message();
    for (const Goroutine& g : running()) {
      if (std::find(ignored_.begin(), ignored_.end(), g.id) == ignored_.end()) reported_.push_back(g.id);
    }
  }

 private:
  Options options_;
  std::vector<std::uint64_t> ignored_;
  std::vector<std::uint64_t> reported_;
};

}  // namespace ctx::leakcheck
