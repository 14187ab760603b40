// PROFILE-DEPS: grpc
// ctx-blocking-without-done is not applied to the grpc profile
// (docs/profiles.md): a sync handler has no wait that can observe its
// ServerContext, so its waits are not flagged. Silent today, silent with
// profiles on.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <future>
#include <thread>

#include "helloworld.grpc.pb.h"

class SlowGreeter final : public helloworld::Greeter::Service {
  grpc::Status SayHello(grpc::ServerContext *context, const helloworld::HelloRequest *request,
                        helloworld::HelloReply *reply) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::future<std::string> greeting =
        std::async(std::launch::async, [name = request->name()] { return "Hello " + name; });
    reply->set_message(greeting.get());
    return grpc::Status::OK;
  }
};

void drain(grpc::CompletionQueue &cq) {
  void *tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
}
