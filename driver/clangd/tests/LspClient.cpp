//===--- LspClient.cpp - ctxguard-clangd tests ----------------------------===//

#include "LspClient.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace ctxguard::test {
namespace {

int millisecondsUntil(Clock::time_point Deadline) {
  auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(Deadline - Clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(Left.count(), 0));
}

std::string_view nameOf(std::string_view Entry) { return Entry.substr(0, Entry.find('=')); }

// The parent's environment with the entries of Overrides replacing or adding.
std::vector<std::string> mergeEnvironment(const std::vector<std::string> &Overrides) {
  std::vector<std::string> Result;
  for (char **Entry = environ; *Entry; ++Entry) {
    bool Overridden = std::any_of(Overrides.begin(), Overrides.end(), [&](const std::string &O) {
      return nameOf(O) == nameOf(*Entry);
    });
    if (!Overridden)
      Result.emplace_back(*Entry);
  }
  Result.insert(Result.end(), Overrides.begin(), Overrides.end());
  return Result;
}

std::vector<char *> toCStrings(std::vector<std::string> &Strings) {
  std::vector<char *> Result;
  for (std::string &S : Strings)
    Result.push_back(S.data());
  Result.push_back(nullptr);
  return Result;
}

[[noreturn]] void fail(const std::string &What) {
  throw std::runtime_error(What + ": " + std::strerror(errno));
}

} // namespace

Subprocess::Subprocess(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
                       const std::string &StderrPath) {
  // A server that dies must fail the test, not kill it on the next write.
  std::signal(SIGPIPE, SIG_IGN);
  int In[2], Out[2];
  if (pipe2(In, O_CLOEXEC) != 0 || pipe2(Out, O_CLOEXEC) != 0)
    fail("pipe2");

  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, In[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&Actions, STDERR_FILENO, StderrPath.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);

  std::vector<std::string> ArgStrings = Argv;
  std::vector<std::string> EnvStrings = mergeEnvironment(Env);
  int Error = posix_spawn(&Pid, ArgStrings[0].c_str(), &Actions, nullptr,
                          toCStrings(ArgStrings).data(), toCStrings(EnvStrings).data());
  posix_spawn_file_actions_destroy(&Actions);
  close(In[0]);
  close(Out[1]);
  if (Error != 0) {
    close(In[1]);
    close(Out[0]);
    errno = Error;
    fail("posix_spawn " + Argv[0]);
  }
  StdinFd = In[1];
  StdoutFd = Out[0];
}

Subprocess::~Subprocess() {
  closeStdin();
  if (StdoutFd >= 0)
    close(StdoutFd);
  if (running()) {
    kill(Pid, SIGKILL);
    waitpid(Pid, nullptr, 0);
  }
}

bool Subprocess::write(const std::string &Data) {
  size_t Done = 0;
  while (Done < Data.size()) {
    ssize_t N = ::write(StdinFd, Data.data() + Done, Data.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}

bool Subprocess::read(std::string &Out, Clock::time_point Deadline) {
  pollfd Poll{StdoutFd, POLLIN, 0};
  int Ready;
  do
    Ready = poll(&Poll, 1, millisecondsUntil(Deadline));
  while (Ready < 0 && errno == EINTR);
  if (Ready <= 0)
    return false;
  char Chunk[65536];
  ssize_t N = ::read(StdoutFd, Chunk, sizeof(Chunk));
  if (N <= 0)
    return false;
  Out.append(Chunk, static_cast<size_t>(N));
  return true;
}

void Subprocess::closeStdin() {
  if (StdinFd >= 0)
    close(StdinFd);
  StdinFd = -1;
}

std::optional<int> Subprocess::wait(Clock::time_point Deadline) {
  while (running()) {
    int Status = 0;
    pid_t Done = waitpid(Pid, &Status, WNOHANG);
    if (Done == Pid) {
      Pid = -1;
      return WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
    }
    if (Clock::now() >= Deadline)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (running()) {
    kill(Pid, SIGKILL);
    waitpid(Pid, nullptr, 0);
    Pid = -1;
  }
  return std::nullopt;
}

CommandResult runCommand(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
                         std::chrono::seconds Timeout) {
  char StderrPath[] = "/tmp/ctxguard-clangd-test-stderr-XXXXXX";
  int Fd = mkstemp(StderrPath);
  if (Fd < 0)
    fail("mkstemp");
  close(Fd);

  CommandResult Result;
  auto Deadline = Clock::now() + Timeout;
  {
    Subprocess Child(Argv, Env, StderrPath);
    Child.closeStdin();
    while (Child.read(Result.Stdout, Deadline)) {
    }
    Result.ExitCode = Child.wait(Deadline).value_or(-1);
  }
  std::ifstream Err(StderrPath);
  std::stringstream ErrText;
  ErrText << Err.rdbuf();
  Result.Stderr = ErrText.str();
  std::remove(StderrPath);
  return Result;
}

LspClient::LspClient(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
                     const std::string &StderrPath)
    : Server(Argv, Env, StderrPath) {}

void LspClient::send(const Json &Message) {
  std::string Body = Message.dump();
  Server.write("Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body);
}

int LspClient::request(const std::string &Method, Json Params) {
  int Id = NextId++;
  send({{"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", std::move(Params)}});
  return Id;
}

void LspClient::notify(const std::string &Method, Json Params) {
  send({{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

std::optional<Json> LspClient::readMessage(Clock::time_point Deadline) {
  for (;;) {
    size_t HeaderEnd = Buffer.find("\r\n\r\n");
    if (HeaderEnd != std::string::npos) {
      // Header names are case-insensitive; clangd sends exactly this one.
      static constexpr std::string_view Key = "Content-Length:";
      size_t At = Buffer.find(Key);
      if (At == std::string::npos || At > HeaderEnd)
        throw std::runtime_error("LSP message without Content-Length: " + Buffer.substr(0, 200));
      size_t Length = std::stoul(Buffer.substr(At + Key.size(), HeaderEnd - At - Key.size()));
      size_t BodyStart = HeaderEnd + 4;
      if (Buffer.size() >= BodyStart + Length) {
        Json Message = Json::parse(Buffer.substr(BodyStart, Length));
        Buffer.erase(0, BodyStart + Length);
        return Message;
      }
    }
    if (!Server.read(Buffer, Deadline))
      return std::nullopt;
  }
}

std::optional<Json> LspClient::waitFor(const std::function<bool(const Json &)> &Match,
                                       Clock::time_point Deadline) {
  while (std::optional<Json> Message = readMessage(Deadline)) {
    Received.push_back(*Message);
    if (Message->contains("method") && Message->contains("id"))
      send({{"jsonrpc", "2.0"}, {"id", (*Message)["id"]}, {"result", nullptr}});
    if (Match(*Message))
      return Message;
  }
  return std::nullopt;
}

std::optional<Json> LspClient::waitForResponse(int Id, Clock::time_point Deadline) {
  return waitFor(
      [Id](const Json &M) { return !M.contains("method") && M.value("id", Json()) == Json(Id); },
      Deadline);
}

std::optional<int> LspClient::shutdown(Clock::time_point Deadline) {
  waitForResponse(request("shutdown", nullptr), Deadline);
  notify("exit", nullptr);
  Server.closeStdin();
  return Server.wait(Deadline);
}

} // namespace ctxguard::test
