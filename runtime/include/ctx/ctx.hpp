// The ctx runtime: Go's context, channels, select, goroutines, WaitGroup,
// ErrGroup, defer, timers and a goroutine-leak checker, in C++20.
// See docs/runtime.md.
#pragma once

#include "ctx/chan.hpp"
#include "ctx/clock.hpp"
#include "ctx/context.hpp"
#include "ctx/defer.hpp"
#include "ctx/error.hpp"
#include "ctx/go.hpp"
#include "ctx/leakcheck.hpp"
#include "ctx/roles.hpp"
#include "ctx/select.hpp"
#include "ctx/sync.hpp"
#include "ctx/time.hpp"
