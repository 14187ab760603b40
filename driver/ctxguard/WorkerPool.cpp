//===--- WorkerPool.cpp - ctxguard ----------------------------------------===//

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

namespace ctxguard {
namespace {

/// Exit codes of a worker that could not deliver its message.
constexpr int JobThrew = 70;
constexpr int CannotWrite = 71;

using Clock = std::chrono::steady_clock;

struct Running {
  std::size_t Job = 0;
  pid_t Pid = -1;
  Clock::time_point Deadline = Clock::time_point::max();
  int MessageFd = -1; // read ends; -1 once at end of file
  int LogFd = -1;
  WorkerResult Result;
};

bool writeAll(int Fd, const std::uint8_t *Data, std::size_t Size) {
  while (Size != 0) {
    ssize_t N = ::write(Fd, Data, Size);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data += N;
    Size -= static_cast<std::size_t>(N);
  }
  return true;
}

/// The worker side: never returns.
[[noreturn]] void runChild(std::size_t I,
                           llvm::function_ref<std::vector<std::uint8_t>(std::size_t)> Job,
                           int MessageFd, int LogFd) {
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
  std::vector<std::uint8_t> Message;
  try {
    Message = Job(I);
  } catch (const std::exception &E) {
    std::fprintf(stderr, "ctxguard: worker: uncaught exception: %s\n", E.what());
    std::_Exit(JobThrew);
  } catch (...) {
    std::_Exit(JobThrew);
  }
  // _exit: the copy of the parent's state must not be torn down (static
  // destructors, buffered output) a second time.
  std::_Exit(writeAll(MessageFd, Message.data(), Message.size()) ? 0 : CannotWrite);
}

bool start(std::size_t I, llvm::function_ref<std::vector<std::uint8_t>(std::size_t)> Job,
           Running &Worker) {
  Worker = Running();
  Worker.Job = I;
  int MessagePipe[2], LogPipe[2];
  if (::pipe2(MessagePipe, O_CLOEXEC) != 0) {
    Worker.Result.StartError = std::strerror(errno);
    return false;
  }
  if (::pipe2(LogPipe, O_CLOEXEC) != 0) {
    Worker.Result.StartError = std::strerror(errno);
    ::close(MessagePipe[0]);
    ::close(MessagePipe[1]);
    return false;
  }
  // Buffered output would be written twice: by the child and by us.
  llvm::outs().flush();
  std::fflush(nullptr);
  pid_t Pid = ::fork();
  if (Pid == 0) {
    ::close(MessagePipe[0]);
    ::close(LogPipe[0]);
    runChild(I, Job, MessagePipe[1], LogPipe[1]);
  }
  ::close(MessagePipe[1]);
  ::close(LogPipe[1]);
  if (Pid < 0) {
    Worker.Result.StartError = std::strerror(errno);
    ::close(MessagePipe[0]);
    ::close(LogPipe[0]);
    return false;
  }
  Worker.Pid = Pid;
  Worker.MessageFd = MessagePipe[0];
  Worker.LogFd = LogPipe[0];
  return true;
}

/// Reads what is available on `Fd`; closes it at end of file.
template <typename Buffer> void drain(int &Fd, Buffer &Into) {
  char Chunk[65536];
  ssize_t N;
  do
    N = ::read(Fd, Chunk, sizeof(Chunk));
  while (N < 0 && errno == EINTR);
  if (N > 0) {
    Into.insert(Into.end(), Chunk, Chunk + N);
    return;
  }
  ::close(Fd);
  Fd = -1;
}

void reap(Running &Worker) {
  int Status = 0;
  pid_t Got;
  do
    Got = ::waitpid(Worker.Pid, &Status, 0);
  while (Got < 0 && errno == EINTR);
  if (Got < 0)
    Worker.Result.StartError = std::string("waitpid: ") + std::strerror(errno);
  else if (WIFSIGNALED(Status))
    Worker.Result.Signal = WTERMSIG(Status);
  else if (WIFEXITED(Status))
    Worker.Result.ExitCode = WEXITSTATUS(Status);
}

/// Kills the workers past their deadline; their pipes then close.
void stopOverdue(std::vector<Running> &Workers) {
  Clock::time_point Now = Clock::now();
  for (Running &W : Workers)
    if (!W.Result.TimedOut && Now >= W.Deadline) {
      W.Result.TimedOut = true;
      ::kill(W.Pid, SIGKILL);
    }
}

/// Milliseconds until the next deadline, -1 for none.
int pollTimeout(const std::vector<Running> &Workers) {
  Clock::time_point Next = Clock::time_point::max();
  for (const Running &W : Workers)
    if (!W.Result.TimedOut)
      Next = std::min(Next, W.Deadline);
  if (Next == Clock::time_point::max())
    return -1;
  auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(Next - Clock::now());
  return static_cast<int>(std::clamp<long long>(Left.count() + 1, 0, 60000));
}

/// Waits until some worker's pipes have data or close, or a deadline
/// passes; reads what arrived.
void pollOnce(std::vector<Running> &Workers) {
  std::vector<pollfd> Fds;
  for (const Running &W : Workers)
    for (int Fd : {W.MessageFd, W.LogFd})
      if (Fd >= 0)
        Fds.push_back({Fd, POLLIN, 0});
  int Ready = ::poll(Fds.data(), Fds.size(), pollTimeout(Workers));
  stopOverdue(Workers);
  if (Ready <= 0)
    return; // a deadline, or EINTR: the caller polls again
  for (const pollfd &P : Fds) {
    if (!(P.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
      continue;
    for (Running &W : Workers) {
      if (W.MessageFd == P.fd)
        drain(W.MessageFd, W.Result.Message);
      else if (W.LogFd == P.fd)
        drain(W.LogFd, W.Result.Log);
    }
  }
}

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

void runInWorkers(std::size_t Count, unsigned Jobs, std::chrono::seconds Timeout,
                  llvm::function_ref<std::vector<std::uint8_t>(std::size_t)> Job,
                  llvm::function_ref<void(std::size_t, WorkerResult)> Done) {
  std::size_t Limit = std::max<std::size_t>(1, std::min<std::size_t>(Jobs, Count));
  std::vector<Running> Workers;
  std::size_t Next = 0;
  while (Next < Count || !Workers.empty()) {
    while (Next < Count && Workers.size() < Limit) {
      Running Worker;
      if (start(Next, Job, Worker)) {
        if (Timeout.count() > 0)
          Worker.Deadline = Clock::now() + Timeout;
        Workers.push_back(std::move(Worker));
      }
      else
        Done(Next, std::move(Worker.Result));
      ++Next;
    }
    if (Workers.empty())
      continue;
    pollOnce(Workers);
    for (auto It = Workers.begin(); It != Workers.end();) {
      if (It->MessageFd >= 0 || It->LogFd >= 0) {
        ++It;
        continue;
      }
      reap(*It);
      Done(It->Job, std::move(It->Result));
      It = Workers.erase(It);
    }
  }
}

} // namespace ctxguard
