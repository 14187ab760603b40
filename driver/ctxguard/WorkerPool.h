//===--- WorkerPool.h - ctxguard --------------------------------*- C++ -*-===//
//
// Crash isolation: jobs run in forked worker processes, so that a
// segmentation fault, an abort or a stack overflow while analyzing one
// translation unit ends only the worker running it. The parent keeps N
// workers, sends each the next job over a pipe, collects one message per job
// over another, learns from waitpid() how a worker ended, and replaces a
// worker that died. docs/driver.md explains why processes (and not crash
// recovery on threads).
//
// The parent must not have started any thread when it forks: only the
// forking thread exists in the child.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_WORKERPOOL_H
#define CTXGUARD_DRIVER_WORKERPOOL_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ctxguard {

/// How one job's worker ended and what it sent.
struct WorkerResult {
  std::vector<std::uint8_t> Message; // the bytes the job returned
  std::string Log;                   // what the worker wrote on stdout and stderr
  int ExitCode = -1;                 // when it exited
  int Signal = 0;                    // when a signal ended it
  bool TimedOut = false;             // stopped for running longer than allowed
  std::string StartError;            // when no worker could be started

  bool completed() const { return StartError.empty() && !TimedOut && Signal == 0 && ExitCode == 0; }
  /// How a started worker ended: "killed by signal 11 (Segmentation
  /// fault)", "exited with code 1", ...
  std::string describeEnd() const;
};

/// Runs `Job(I)` for every I in [0, Count) in `Jobs` forked workers and
/// calls `Done(I, Result)` in the calling process as each job ends (in
/// completion order). A worker sends what `Job` returns; whatever happens to
/// it, `Done` is called once for every I: a job whose worker dies gets how it
/// died, and the worker is replaced. A job still running after `Timeout`
/// (when not zero) has its worker killed.
void runInWorkers(std::size_t Count, unsigned Jobs, std::chrono::seconds Timeout,
                  llvm::function_ref<std::vector<std::uint8_t>(std::size_t)> Job,
                  llvm::function_ref<void(std::size_t, WorkerResult)> Done);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_WORKERPOOL_H
