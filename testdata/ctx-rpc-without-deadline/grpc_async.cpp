// PROFILE-DEPS: grpc
// ctx-rpc-without-deadline on the completion-queue client API
// (docs/profiles.md): Async* and PrepareAsync* are RPCs. The call is created
// with the context's deadline inside the stub method, so a deadline set after
// PrepareAsync* and before StartCall() is too late. A context that is a member
// of a call object passed around as a whole (the async call's tag) is not
// exempt by that alone.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>

#include "helloworld.grpc.pb.h"
#include "route_guide.grpc.pb.h"

using grpc::ClientAsyncResponseReader;
using grpc::ClientContext;
using grpc::CompletionQueue;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(1);
}

void Await(CompletionQueue &cq) {
  void *tag = nullptr;
  bool ok = false;
  (void)cq.Next(&tag, &ok);
}

void Async(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  CompletionQueue cq;
  HelloReply reply;
  Status status;
  std::unique_ptr<ClientAsyncResponseReader<HelloReply>> rpc(
      stub.AsyncSayHello(&context, request, &cq)); // want:7 "(?=.*'context')(?=.*deadline)"
  rpc->Finish(&reply, &status, (void *)1);
  Await(cq);
}

void PrepareAsync(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  CompletionQueue cq;
  HelloReply reply;
  Status status;
  auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq); // want:14 "(?=.*'context')(?=.*deadline)"
  rpc->StartCall();
  rpc->Finish(&reply, &status, (void *)1);
  Await(cq);
}

// Too late: the deadline is set after PrepareAsync*, before StartCall().
void TooLate(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  CompletionQueue cq;
  HelloReply reply;
  Status status;
  auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq); // want:14 "(?=.*'context')(?=.*deadline)"
  context.set_deadline(Soon());
  rpc->StartCall();
  rpc->Finish(&reply, &status, (void *)1);
  Await(cq);
}

void InTime(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  context.set_deadline(Soon());
  CompletionQueue cq;
  HelloReply reply;
  Status status;
  auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq);
  rpc->StartCall();
  rpc->Finish(&reply, &status, (void *)1);
  Await(cq);
}

// The context inside the call object that serves as the completion tag.
class MultiClient {
public:
  void SayHello(const HelloRequest &request) {
    auto *call = new AsyncClientCall;
    call->reader = stub_->PrepareAsyncSayHello(&call->context, request, &cq_); // want:20 "(?=.*context')(?=.*deadline)"
    call->reader->StartCall();
    call->reader->Finish(&call->reply, &call->status, (void *)call);
  }

  void SayHelloWithin(const HelloRequest &request) {
    auto *call = new AsyncClientCall;
    call->context.set_deadline(Soon());
    call->reader = stub_->PrepareAsyncSayHello(&call->context, request, &cq_);
    call->reader->StartCall();
    call->reader->Finish(&call->reply, &call->status, (void *)call);
  }

private:
  struct AsyncClientCall {
    HelloReply reply;
    ClientContext context;
    Status status;
    std::unique_ptr<ClientAsyncResponseReader<HelloReply>> reader;
  };
  std::unique_ptr<Greeter::Stub> stub_;
  CompletionQueue cq_;
};

// A streaming call on the completion queue.
void AsyncStream(routeguide::RouteGuide::Stub &stub, const routeguide::Rectangle &rect) {
  ClientContext context;
  CompletionQueue cq;
  auto reader = stub.AsyncListFeatures(&context, rect, &cq, (void *)1); // want:17 "(?=.*'context')(?=.*deadline)"
  Await(cq);
}
