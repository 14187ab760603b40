//===--- WorkerPoolTest.cpp - ctxguard ------------------------------------===//
//
// Jobs in forked workers: every job is reported once, whatever its worker
// does (large messages, output, crashes of every kind).
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace ctxguard {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::map<size_t, WorkerResult> runAll(size_t Count, unsigned Jobs,
                                      llvm::function_ref<Bytes(size_t)> Job) {
  std::map<size_t, WorkerResult> Results;
  runInWorkers(Count, Jobs, std::chrono::seconds(0), Job, [&](size_t I, WorkerResult R) {
    EXPECT_EQ(Results.count(I), 0u) << "job " << I << " reported twice";
    Results[I] = std::move(R);
  });
  return Results;
}

[[gnu::noinline]] unsigned recurse(volatile unsigned char *Caller) {
  volatile unsigned char Frame[4096];
  Frame[0] = Caller ? static_cast<unsigned char>(Caller[0] + 1) : 0;
  return recurse(Frame) + Frame[0];
}

TEST(WorkerPoolTest, MessagesLargerThanAPipeArriveWhole) {
  auto Results = runAll(5, 2, [](size_t I) { return Bytes(300000 + I, static_cast<uint8_t>(I)); });
  ASSERT_EQ(Results.size(), 5u);
  for (auto &[I, R] : Results) {
    EXPECT_TRUE(R.completed()) << R.describeEnd();
    ASSERT_EQ(R.Message.size(), 300000 + I);
    EXPECT_EQ(R.Message.front(), I);
    EXPECT_EQ(R.Message.back(), I);
  }
}

TEST(WorkerPoolTest, WhatAWorkerPrintsIsItsLog) {
  auto Results = runAll(1, 1, [](size_t) {
    std::printf("on stdout\n");
    std::fflush(stdout);
    std::fprintf(stderr, "on stderr\n");
    return Bytes{1};
  });
  EXPECT_EQ(Results[0].Log, "on stdout\non stderr\n");
  EXPECT_EQ(Results[0].Message, Bytes{1});
}

TEST(WorkerPoolTest, EveryKindOfDeathEndsOnlyItsJob) {
  auto Results = runAll(6, 3, [](size_t I) -> Bytes {
    switch (I) {
    case 1:
      *reinterpret_cast<volatile int *>(static_cast<std::uintptr_t>(8)) = 1;
      break;
    case 2:
      std::abort();
    case 3:
      recurse(nullptr);
      break;
    case 4:
      std::_Exit(3);
    case 5:
      throw std::runtime_error("thrown by the job");
    }
    return Bytes{42};
  });
  ASSERT_EQ(Results.size(), 6u);
  EXPECT_TRUE(Results[0].completed());
  EXPECT_EQ(Results[0].Message, Bytes{42});
  EXPECT_EQ(Results[1].Signal, SIGSEGV);
  EXPECT_EQ(Results[2].Signal, SIGABRT);
  EXPECT_EQ(Results[3].Signal, SIGSEGV) << "a stack overflow";
  EXPECT_EQ(Results[4].ExitCode, 3);
  EXPECT_NE(Results[5].describeEnd().find("exception"), std::string::npos);
  EXPECT_NE(Results[5].Log.find("thrown by the job"), std::string::npos);
  for (size_t I = 1; I < 6; ++I) {
    EXPECT_FALSE(Results[I].completed()) << I;
    EXPECT_TRUE(Results[I].Message.empty()) << I;
  }
  EXPECT_NE(Results[1].describeEnd().find("signal 11"), std::string::npos);
}

TEST(WorkerPoolTest, JobsAfterACrashRunInANewWorker) {
  // Two workers, a crash every fifth job: every job is reported once, with
  // its own log, and the others complete.
  auto Results = runAll(40, 2, [](size_t I) -> Bytes {
    std::fprintf(stderr, "job %zu\n", I);
    if (I % 5 == 3)
      std::abort();
    return Bytes{static_cast<uint8_t>(I)};
  });
  ASSERT_EQ(Results.size(), 40u);
  for (auto &[I, R] : Results) {
    EXPECT_EQ(R.Log, "job " + std::to_string(I) + "\n") << I;
    if (I % 5 == 3) {
      EXPECT_EQ(R.Signal, SIGABRT) << I;
    } else {
      EXPECT_TRUE(R.completed()) << I << ": " << R.describeEnd();
      EXPECT_EQ(R.Message, Bytes{static_cast<uint8_t>(I)});
    }
  }
}

TEST(WorkerPoolTest, WorkersAreReused) {
  auto Results = runAll(6, 2, [](size_t) {
    pid_t Pid = ::getpid();
    Bytes B(sizeof(Pid));
    std::memcpy(B.data(), &Pid, sizeof(Pid));
    return B;
  });
  std::set<Bytes> Pids;
  for (auto &[I, R] : Results)
    Pids.insert(R.Message);
  EXPECT_LE(Pids.size(), 2u);
}

TEST(WorkerPoolTest, NoMoreWorkersThanAsked) {
  // Each job holds a slot for a while; with one slot the jobs run one after
  // the other, so each sees the previous one's end.
  char Template[] = "/tmp/ctxguard-pool-XXXXXX";
  int Fd = ::mkstemp(Template);
  ASSERT_GE(Fd, 0);
  auto Results = runAll(4, 1, [&](size_t I) {
    off_t Before = ::lseek(Fd, 0, SEEK_END);
    ::usleep(20000);
    char C = static_cast<char>('a' + I);
    ::write(Fd, &C, 1);
    return Bytes{static_cast<uint8_t>(Before)};
  });
  for (auto &[I, R] : Results)
    EXPECT_EQ(R.Message, Bytes{static_cast<uint8_t>(I)}) << "job " << I << " overlapped another";
  ::close(Fd);
  ::unlink(Template);
}

TEST(WorkerPoolTest, AWorkerPastItsTimeoutIsStopped) {
  std::map<size_t, WorkerResult> Results;
  auto Start = std::chrono::steady_clock::now();
  runInWorkers(
      2, 2, std::chrono::seconds(1),
      [](size_t I) {
        while (I == 1)
          ::pause(); // hangs, as a pragma or a FIFO can make Clang do
        return Bytes{7};
      },
      [&](size_t I, WorkerResult R) { Results[I] = std::move(R); });
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(30));
  EXPECT_TRUE(Results[0].completed());
  EXPECT_TRUE(Results[1].TimedOut);
  EXPECT_FALSE(Results[1].completed());
  EXPECT_NE(Results[1].describeEnd().find("longer than allowed"), std::string::npos);
}

TEST(WorkerPoolTest, NothingToDo) {
  EXPECT_TRUE(runAll(0, 4, [](size_t) { return Bytes(); }).empty());
}

} // namespace
} // namespace ctxguard
