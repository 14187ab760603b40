// PROFILE-DEPS: grpc
// ctx-stored-in-struct is not applied to the std and grpc profiles
// (docs/profiles.md): stop_source, stop_token and jthread members are how
// C++20 code owns its threads, and async gRPC code keeps its ClientContext in
// the call's state. Silent today, silent with profiles on.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

#include "helloworld.grpc.pb.h"

class Poller {
  std::stop_source stop_;
  std::stop_token token_ = stop_.get_token();
  std::optional<std::stop_token> parent_;
  std::jthread thread_;
  std::vector<std::jthread> workers_;
};

struct AsyncClientCall {
  helloworld::HelloReply reply;
  grpc::ClientContext context;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<helloworld::HelloReply>> reader;
};

class CallData {
  grpc::ServerContext ctx_;
  std::unique_ptr<grpc::ClientContext> downstream_;
  grpc::CallbackServerContext *callback_ = nullptr;
};
