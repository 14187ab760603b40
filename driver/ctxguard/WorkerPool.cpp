//===--- WorkerPool.cpp - ctxguard ----------------------------------------===//
//
// Each worker is forked once and runs jobs until told to stop: a job's
// index arrives on the worker's job pipe, its message leaves on the message
// pipe as a 64-bit length and the bytes. Keeping workers alive keeps their
// heap warm: a fresh process per job spends several percent of the run in
// page faults. A worker that dies is replaced by a new fork of the parent.
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"

#include "llvm/Support/raw_ostream.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>

namespace ctxguard {
namespace {

/// Exit codes of a worker that could not deliver a message.
constexpr int JobThrew = 70;
constexpr int CannotWrite = 71;

using Clock = std::chrono::steady_clock;
using JobFunction = llvm::function_ref<std::vector<std::uint8_t>(std::size_t)>;

struct Worker {
  pid_t Pid = -1;
  int JobFd = -1;     // write end: job indices
  int MessageFd = -1; // read ends; -1 once at end of file
  int LogFd = -1;
  std::optional<std::size_t> Current; // the job it is running
  Clock::time_point Deadline = Clock::time_point::max();
  bool TimedOut = false;
  std::vector<std::uint8_t> Inbox; // message bytes not yet complete
  std::string Log;                 // stdout and stderr since the current job began
};

bool writeAll(int Fd, const void *Data, std::size_t Size) {
  auto *Bytes = static_cast<const std::uint8_t *>(Data);
  while (Size != 0) {
    ssize_t N = ::write(Fd, Bytes, Size);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Bytes += N;
    Size -= static_cast<std::size_t>(N);
  }
  return true;
}

bool readAll(int Fd, void *Data, std::size_t Size) {
  auto *Bytes = static_cast<std::uint8_t *>(Data);
  while (Size != 0) {
    ssize_t N = ::read(Fd, Bytes, Size);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Bytes += N;
    Size -= static_cast<std::size_t>(N);
  }
  return true;
}

/// The worker side: runs jobs until its job pipe closes; never returns.
[[noreturn]] void runChild(JobFunction Job, int JobFd, int MessageFd, int LogFd) {
#ifdef __linux__
  // Workers must not outlive a driver that was killed.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  // Nothing the analysis prints may reach the driver's own stdout.
  ::dup2(LogFd, STDOUT_FILENO);
  ::dup2(LogFd, STDERR_FILENO);
  ::close(LogFd);
  // A crash is reported by the stack dump on stderr: no core files from
  // workers (they would make every crash slow), no symbolizer run.
  struct rlimit NoCore = {0, 0};
  ::setrlimit(RLIMIT_CORE, &NoCore);
  ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", 1);
  std::uint64_t Index;
  while (readAll(JobFd, &Index, sizeof(Index))) {
    std::vector<std::uint8_t> Message;
    try {
      Message = Job(Index);
    } catch (const std::exception &E) {
      std::fprintf(stderr, "ctxguard: worker: uncaught exception: %s\n", E.what());
      std::_Exit(JobThrew);
    } catch (...) {
      std::_Exit(JobThrew);
    }
    std::uint64_t Size = Message.size();
    if (!writeAll(MessageFd, &Size, sizeof(Size)) ||
        !writeAll(MessageFd, Message.data(), Message.size()))
      std::_Exit(CannotWrite);
  }
  // _exit: the copy of the parent's state must not be torn down (static
  // destructors, buffered output) a second time.
  std::_Exit(0);
}

class Pool {
public:
  Pool(std::size_t Count, unsigned Jobs, std::chrono::seconds Timeout, JobFunction Job,
       llvm::function_ref<void(std::size_t, WorkerResult)> Done)
      : Count(Count), Limit(std::max<std::size_t>(1, std::min<std::size_t>(Jobs, Count))),
        Timeout(Timeout), Job(Job), Done(Done) {}

  void run() {
    while (Next < Count || !Workers.empty()) {
      while (Workers.size() < Limit && Next < Count)
        if (!startWorker())
          Done(Next++, WorkerResult{{}, {}, -1, 0, false, StartError});
      if (Workers.empty())
        continue;
      pollOnce();
      reapFinished();
    }
  }

private:
  bool startWorker() {
    int JobPipe[2], MessagePipe[2], LogPipe[2];
    if (::pipe2(JobPipe, O_CLOEXEC) != 0) {
      StartError = std::strerror(errno);
      return false;
    }
    if (::pipe2(MessagePipe, O_CLOEXEC) != 0 || ::pipe2(LogPipe, O_CLOEXEC) != 0) {
      StartError = std::strerror(errno);
      for (int Fd : {JobPipe[0], JobPipe[1], MessagePipe[0], MessagePipe[1]})
        ::close(Fd);
      return false;
    }
    // Buffered output would be written twice: by the child and by us.
    llvm::outs().flush();
    std::fflush(nullptr);
    pid_t Pid = ::fork();
    if (Pid == 0) {
      // The other workers' pipes: a job pipe left open here would keep its
      // worker from ever seeing the end of its jobs.
      for (const Worker &Other : Workers)
        for (int Fd : {Other.JobFd, Other.MessageFd, Other.LogFd})
          if (Fd >= 0)
            ::close(Fd);
      ::close(JobPipe[1]);
      ::close(MessagePipe[0]);
      ::close(LogPipe[0]);
      runChild(Job, JobPipe[0], MessagePipe[1], LogPipe[1]);
    }
    ::close(JobPipe[0]);
    ::close(MessagePipe[1]);
    ::close(LogPipe[1]);
    if (Pid < 0) {
      StartError = std::strerror(errno);
      for (int Fd : {JobPipe[1], MessagePipe[0], LogPipe[0]})
        ::close(Fd);
      return false;
    }
    Worker W;
    W.Pid = Pid;
    W.JobFd = JobPipe[1];
    W.MessageFd = MessagePipe[0];
    W.LogFd = LogPipe[0];
    Workers.push_back(std::move(W));
    assign(Workers.back());
    return true;
  }

  /// Gives `W` the next job, or tells it that there are no more.
  void assign(Worker &W) {
    W.Current.reset();
    W.Deadline = Clock::time_point::max();
    W.Log.clear();
    if (Next == Count) {
      closeFd(W.JobFd);
      return;
    }
    std::uint64_t Index = Next;
    W.Current = Next++;
    if (Timeout.count() > 0)
      W.Deadline = Clock::now() + Timeout;
    if (!writeAll(W.JobFd, &Index, sizeof(Index)))
      closeFd(W.JobFd); // the worker died: reaping reports its job
  }

  static void closeFd(int &Fd) {
    if (Fd >= 0)
      ::close(Fd);
    Fd = -1;
  }

  /// Reads what is available on `Fd` (no more than one read); closes it at
  /// end of file.
  template <typename Buffer> static bool drain(int &Fd, Buffer &Into) {
    char Chunk[65536];
    ssize_t N;
    do
      N = ::read(Fd, Chunk, sizeof(Chunk));
    while (N < 0 && errno == EINTR);
    if (N > 0) {
      Into.insert(Into.end(), Chunk, Chunk + N);
      return true;
    }
    closeFd(Fd);
    return false;
  }

  /// What the worker wrote on stderr before sending its message is already
  /// in the pipe: take it all, without waiting for more.
  static void drainLogNow(Worker &W) {
    while (W.LogFd >= 0) {
      pollfd P = {W.LogFd, POLLIN, 0};
      if (::poll(&P, 1, 0) <= 0 || !drain(W.LogFd, W.Log))
        return;
    }
  }

  /// Hands over every complete message in the worker's inbox.
  void deliver(Worker &W) {
    std::uint64_t Size;
    while (W.Current && W.Inbox.size() >= sizeof(Size)) {
      std::memcpy(&Size, W.Inbox.data(), sizeof(Size));
      if (W.Inbox.size() - sizeof(Size) < Size)
        return;
      WorkerResult Result;
      Result.ExitCode = 0;
      auto Begin = W.Inbox.begin() + sizeof(Size);
      Result.Message.assign(Begin, Begin + static_cast<std::ptrdiff_t>(Size));
      W.Inbox.erase(W.Inbox.begin(), Begin + static_cast<std::ptrdiff_t>(Size));
      drainLogNow(W);
      Result.Log = std::move(W.Log);
      std::size_t Finished = *W.Current;
      if (W.TimedOut) { // killed just after it finished: give it nothing more
        W.Current.reset();
        closeFd(W.JobFd);
      } else {
        assign(W);
      }
      Done(Finished, std::move(Result));
    }
  }

  void stopOverdue() {
    Clock::time_point Now = Clock::now();
    for (Worker &W : Workers)
      if (W.Current && !W.TimedOut && Now >= W.Deadline) {
        W.TimedOut = true;
        ::kill(W.Pid, SIGKILL);
      }
  }

  /// Milliseconds until the next deadline, -1 for none.
  int pollTimeout() const {
    Clock::time_point Soonest = Clock::time_point::max();
    for (const Worker &W : Workers)
      if (W.Current && !W.TimedOut)
        Soonest = std::min(Soonest, W.Deadline);
    if (Soonest == Clock::time_point::max())
      return -1;
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(Soonest - Clock::now());
    return static_cast<int>(std::clamp<long long>(Left.count() + 1, 0, 60000));
  }

  /// Waits until a pipe has data or closes, or a deadline passes; reads.
  void pollOnce() {
    std::vector<pollfd> Fds;
    for (const Worker &W : Workers)
      for (int Fd : {W.MessageFd, W.LogFd})
        if (Fd >= 0)
          Fds.push_back({Fd, POLLIN, 0});
    int Ready = ::poll(Fds.data(), Fds.size(), pollTimeout());
    stopOverdue();
    if (Ready <= 0)
      return; // a deadline, or EINTR: the caller polls again
    for (const pollfd &P : Fds) {
      if (!(P.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
        continue;
      for (Worker &W : Workers) {
        if (W.MessageFd == P.fd) {
          drain(W.MessageFd, W.Inbox);
          deliver(W);
        } else if (W.LogFd == P.fd) {
          drain(W.LogFd, W.Log);
        }
      }
    }
  }

  /// Workers whose pipes are closed have ended: collect them, and report
  /// the job each was running.
  void reapFinished() {
    for (auto It = Workers.begin(); It != Workers.end();) {
      if (It->MessageFd >= 0 || It->LogFd >= 0) {
        ++It;
        continue;
      }
      WorkerResult Result = reap(*It);
      closeFd(It->JobFd);
      std::optional<std::size_t> Lost = It->Current;
      It = Workers.erase(It);
      if (Lost)
        Done(*Lost, std::move(Result));
    }
  }

  static WorkerResult reap(Worker &W) {
    WorkerResult Result;
    int Status = 0;
    pid_t Got;
    do
      Got = ::waitpid(W.Pid, &Status, 0);
    while (Got < 0 && errno == EINTR);
    if (Got < 0)
      Result.StartError = std::string("waitpid: ") + std::strerror(errno);
    else if (WIFSIGNALED(Status))
      Result.Signal = WTERMSIG(Status);
    else if (WIFEXITED(Status))
      Result.ExitCode = WEXITSTATUS(Status);
    // A worker that exits between jobs has not completed the one it held.
    if (Result.ExitCode == 0 && W.Current)
      Result.ExitCode = CannotWrite;
    Result.TimedOut = W.TimedOut;
    Result.Log = std::move(W.Log);
    return Result;
  }

  std::size_t Count, Limit;
  std::chrono::seconds Timeout;
  JobFunction Job;
  llvm::function_ref<void(std::size_t, WorkerResult)> Done;
  std::vector<Worker> Workers;
  std::size_t Next = 0;
  std::string StartError;
};

} // namespace

std::string WorkerResult::describeEnd() const {
  if (TimedOut)
    return "stopped after running longer than allowed";
  if (Signal != 0) {
    const char *Name = ::strsignal(Signal);
    return "killed by signal " + std::to_string(Signal) + " (" + (Name ? Name : "unknown") + ")";
  }
  if (ExitCode == JobThrew)
    return "ended by an uncaught exception";
  return "exited with code " + std::to_string(ExitCode);
}

void runInWorkers(std::size_t Count, unsigned Jobs, std::chrono::seconds Timeout, JobFunction Job,
                  llvm::function_ref<void(std::size_t, WorkerResult)> Done) {
  // A worker that died makes writing its next job fail: with EPIPE, not a
  // signal that would end the caller.
  struct sigaction Ignore = {}, Previous = {};
  Ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &Ignore, &Previous);
  Pool(Count, Jobs, Timeout, Job, Done).run();
  ::sigaction(SIGPIPE, &Previous, nullptr);
}

} // namespace ctxguard
