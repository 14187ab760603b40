// The runtime's clock: every duration and deadline is steady_clock based.
#pragma once

#include <chrono>

#include "ctx/roles.hpp"

namespace ctx {

using Clock = std::chrono::steady_clock;
using Duration = Clock::duration;
using TimePoint = Clock::time_point;

}  // namespace ctx
