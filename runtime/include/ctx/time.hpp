// time.After, time.Sleep and a sleep that observes a context.
#pragma once

#include "ctx/chan.hpp"
#include "ctx/clock.hpp"
#include "ctx/context.hpp"
#include "ctx/error.hpp"
#include "ctx/roles.hpp"

namespace ctx {

// time.After: a channel of capacity 1 that receives the current time once,
// after d. Served by one shared timer thread; the timer is released when it
// fires.
CTX_ROLE("timer") Chan<TimePoint> after(Duration d);

// time.Sleep: cannot be interrupted.
CTX_ROLE("sleep") void sleep(Duration d);

// Sleeps for d unless c is done first: returns c.err() if c is done (at once
// if it already is), else no error.
CTX_ROLE("observe") Error sleep(const Context& c, Duration d);

}  // namespace ctx
