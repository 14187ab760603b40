// A goroutine-leak checker in the spirit of Uber's goleak.
//
//   EXPECT_FALSE(ctx::leakcheck::verify_none());
//
// Every goroutine (ctx::go, WaitGroup::go, ErrGroup::go/try_go, after_func)
// is registered with its spawn site and keeps a state saying what it is
// blocked on. See ctx/leakcheck_gtest.hpp for a GoogleTest listener.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ctx/clock.hpp"
#include "ctx/error.hpp"

namespace ctx::leakcheck {

struct Goroutine {
  std::uint64_t id;
  std::string spawn_site;  // "file:line" of the go(...) call
  std::string state;       // e.g. "blocked in send on chan 0x... (capacity 0)", "running"
};

// Goroutines not yet finished (the calling one included), oldest first.
std::vector<Goroutine> running();

// Retries until no goroutine other than the caller is running, or until
// grace expires; then returns an error listing each leaked goroutine with its
// spawn site and state (an empty Error when there is none).
Error verify_none(Duration grace = std::chrono::milliseconds(500));

// The ids of the goroutines running now (goleak.IgnoreCurrent).
std::vector<std::uint64_t> current_ids();

// verify_none, ignoring the goroutines whose ids are listed.
Error verify_none_except(const std::vector<std::uint64_t>& ignore,
                         Duration grace = std::chrono::milliseconds(500));

}  // namespace ctx::leakcheck
