//===--- LspClient.h - ctxguard-clangd tests --------------------*- C++ -*-===//
//
// A minimal Language Server Protocol client for tests: it starts a server
// process on pipes and exchanges JSON-RPC messages framed by Content-Length
// headers, as an editor does.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_CLANGD_TESTS_LSPCLIENT_H
#define CTXGUARD_DRIVER_CLANGD_TESTS_LSPCLIENT_H

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace ctxguard::test {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

/// A child process whose stdin and stdout are pipes held by the parent and
/// whose stderr goes to a file (the server's log, shown when a test fails).
class Subprocess {
public:
  /// Starts Argv[0] with Argv, the current environment plus Env
  /// ("NAME=value" entries that override), stderr appended to StderrPath.
  Subprocess(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
             const std::string &StderrPath);
  ~Subprocess();
  Subprocess(const Subprocess &) = delete;
  Subprocess &operator=(const Subprocess &) = delete;

  bool running() const { return Pid > 0; }
  /// Writes all of Data to the child's stdin; false if the child is gone.
  bool write(const std::string &Data);
  /// Appends what the child wrote to its stdout to Out, waiting until
  /// Deadline for at least one byte; false on end of file or timeout.
  bool read(std::string &Out, Clock::time_point Deadline);
  /// Closes the child's stdin (end of input).
  void closeStdin();
  /// Waits until Deadline for the child to exit and returns its exit status,
  /// or kills it and returns nullopt.
  std::optional<int> wait(Clock::time_point Deadline);

private:
  pid_t Pid = -1;
  int StdinFd = -1;
  int StdoutFd = -1;
};

/// Runs a command to completion and returns its exit status and output.
struct CommandResult {
  int ExitCode = -1;
  std::string Stdout;
  std::string Stderr;
};
CommandResult runCommand(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
                         std::chrono::seconds Timeout);

/// A JSON-RPC 2.0 client over a Subprocess, speaking LSP's base protocol.
class LspClient {
public:
  LspClient(const std::vector<std::string> &Argv, const std::vector<std::string> &Env,
            const std::string &StderrPath);

  /// Sends a request and returns its id.
  int request(const std::string &Method, Json Params);
  void notify(const std::string &Method, Json Params);

  /// Reads messages until one satisfies Match or Deadline passes. Requests
  /// from the server are answered with a null result on the way; every
  /// message read is also kept in received().
  std::optional<Json> waitFor(const std::function<bool(const Json &)> &Match,
                              Clock::time_point Deadline);
  /// Waits for the response to request Id.
  std::optional<Json> waitForResponse(int Id, Clock::time_point Deadline);

  /// Sends shutdown and exit, closes the pipe, and returns the server's exit
  /// status (nullopt if it had to be killed).
  std::optional<int> shutdown(Clock::time_point Deadline);

  const std::vector<Json> &received() const { return Received; }

private:
  void send(const Json &Message);
  std::optional<Json> readMessage(Clock::time_point Deadline);

  Subprocess Server;
  std::string Buffer;
  std::vector<Json> Received;
  int NextId = 1;
};

} // namespace ctxguard::test

#endif // CTXGUARD_DRIVER_CLANGD_TESTS_LSPCLIENT_H
