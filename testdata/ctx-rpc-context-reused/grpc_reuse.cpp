// PROFILE-DEPS: grpc
// ctx-rpc-context-reused (docs/profiles.md): one grpc::ClientContext used for
// a second RPC, sequentially or declared outside the loop that issues the
// RPC. gRPC requires a fresh context per call and aborts otherwise
// (ClientContext::set_call asserts; grpc#486). Warning at the second RPC,
// note at the first; for a loop (decision: the first RPC is the same
// expression) the note is at the context's declaration outside the loop
// (clang's location of the construction: the variable's name).
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "helloworld.grpc.pb.h"
#include "route_guide.grpc.pb.h"

using grpc::ClientContext;
using grpc::CompletionQueue;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(1);
}

void Twice(Greeter::Stub &stub, const HelloRequest &first, const HelloRequest &second) {
  ClientContext context;
  context.set_deadline(Soon());
  HelloReply reply;
  (void)stub.SayHello(&context, first, &reply); // note:9 "first"
  (void)stub.SayHello(&context, second, &reply); // want:9 "'context'"
}

// Another method of another service: still the same context.
void TwoServices(Greeter::Stub &greeter, routeguide::RouteGuide::Stub &guide,
                 const HelloRequest &request) {
  ClientContext context;
  context.set_deadline(Soon());
  HelloReply reply;
  Status status = greeter.SayHello(&context, request, &reply); // note:19 "first"
  routeguide::Feature feature;
  if (status.ok())
    status = guide.GetFeature(&context, routeguide::Point(), &feature); // want:14 "'context'"
}

// Through a pointer, on the heap.
void Heap(Greeter::Stub &stub, const HelloRequest &request) {
  auto context = std::make_unique<ClientContext>();
  context->set_deadline(Soon());
  HelloReply reply;
  (void)stub.SayHello(context.get(), request, &reply); // note:9 "first"
  (void)stub.SayHello(context.get(), request, &reply); // want:9 "'context'"
}

// An async call after a sync one.
void SyncThenAsync(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  context.set_deadline(Soon());
  HelloReply reply;
  (void)stub.SayHello(&context, request, &reply); // note:9 "first"
  CompletionQueue cq;
  auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq); // want:14 "'context'"
  rpc->StartCall();
}

// The retry loop: the context is declared outside the loop that issues the RPC.
Status Retry(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext context; // note:17 "loop|declared|outside"
  context.set_deadline(Soon());
  Status status;
  for (int attempt = 0; attempt < 3; ++attempt) {
    status = stub.SayHello(&context, request, reply); // want:14 "'context'"
    if (status.ok())
      break;
  }
  return status;
}

void Broadcast(Greeter::Stub &stub, const std::vector<std::string> &names) {
  ClientContext context; // note:17 "loop|declared|outside"
  context.set_deadline(Soon());
  CompletionQueue cq;
  std::vector<HelloReply> replies(names.size());
  std::vector<Status> statuses(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    HelloRequest request;
    request.set_name(names[i]);
    auto rpc = stub.AsyncSayHello(&context, request, &cq); // want:16 "'context'"
    rpc->Finish(&replies[i], &statuses[i], (void *)i);
  }
}
