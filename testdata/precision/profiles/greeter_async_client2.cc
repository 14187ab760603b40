// Precision guard, grpc profile: the shape of gRPC's helloworld async client
// with a completion thread (examples/cpp/helloworld/greeter_async_client2.cc):
// each call's ClientContext lives in a heap-allocated call object that is
// also the completion tag; a thread drains the queue until it shuts down.
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <grpc/support/log.h>
#include <grpcpp/grpcpp.h>

#include "helloworld.grpc.pb.h"

using grpc::Channel;
using grpc::ClientAsyncResponseReader;
using grpc::ClientContext;
using grpc::CompletionQueue;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

class GreeterClient {
 public:
  explicit GreeterClient(std::shared_ptr<Channel> channel)
      : stub_(Greeter::NewStub(channel)) {}

  void SayHello(const std::string& user) {
    HelloRequest request;
    request.set_name(user);
    AsyncClientCall* call = new AsyncClientCall;
    call->response_reader =
        stub_->PrepareAsyncSayHello(&call->context, request, &cq_);  // NOLINT(ctx-rpc-without-deadline): the example sets no deadline; the context inside the tag is not exempt by that alone
    call->response_reader->StartCall();
    call->response_reader->Finish(&call->reply, &call->status, (void*)call);
  }

  void AsyncCompleteRpc() {
    void* got_tag;
    bool ok = false;
    while (cq_.Next(&got_tag, &ok)) {
      AsyncClientCall* call = static_cast<AsyncClientCall*>(got_tag);
      GPR_ASSERT(ok);
      if (call->status.ok())
        std::cout << "Greeter received: " << call->reply.message() << std::endl;
      else
        std::cout << "RPC failed" << std::endl;
      delete call;
    }
  }

 private:
  struct AsyncClientCall {
    HelloReply reply;
    ClientContext context;
    Status status;
    std::unique_ptr<ClientAsyncResponseReader<HelloReply>> response_reader;
  };

  std::unique_ptr<Greeter::Stub> stub_;
  CompletionQueue cq_;
};

int main(int argc, char** argv) {
  GreeterClient greeter(grpc::CreateChannel(
      "localhost:50051", grpc::InsecureChannelCredentials()));
  std::thread thread_ = std::thread(&GreeterClient::AsyncCompleteRpc, &greeter);
  for (int i = 0; i < 100; i++) {
    std::string user("world " + std::to_string(i));
    greeter.SayHello(user);
  }
  std::cout << "Press control-c to quit" << std::endl << std::endl;
  thread_.join();
  return 0;
}
