// PROFILE-DEPS: grpc
// Not ctx-rpc-context-reused (docs/profiles.md): a fresh context per call or
// per iteration, one RPC per path, the steps of one async RPC (PrepareAsync*,
// StartCall, Finish), a helper that takes the context and starts no RPC (an
// AddAuth helper is not an RPC), a smart pointer given a new context
// between calls.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "helloworld.grpc.pb.h"

using grpc::ClientContext;
using grpc::CompletionQueue;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(1);
}

void AddAuth(ClientContext *context) { context->AddMetadata("authorization", "Bearer token"); }

void FreshEach(Greeter::Stub &stub, const HelloRequest &request) {
  HelloReply reply;
  {
    ClientContext context;
    context.set_deadline(Soon());
    (void)stub.SayHello(&context, request, &reply);
  }
  ClientContext again;
  again.set_deadline(Soon());
  (void)stub.SayHello(&again, request, &reply);
}

Status FreshPerAttempt(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  Status status;
  for (int attempt = 0; attempt < 3; ++attempt) {
    ClientContext context;
    context.set_deadline(Soon());
    AddAuth(&context);
    status = stub.SayHello(&context, request, reply);
    if (status.ok())
      break;
  }
  return status;
}

void OnePerPath(Greeter::Stub &stub, const HelloRequest &request, bool fast) {
  ClientContext context;
  context.set_deadline(Soon());
  HelloReply reply;
  if (fast)
    (void)stub.SayHello(&context, request, &reply);
  else {
    CompletionQueue cq;
    auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq);
    rpc->StartCall();
  }
}

void OneAsyncCall(Greeter::Stub &stub, const HelloRequest &request) {
  ClientContext context;
  context.set_deadline(Soon());
  CompletionQueue cq;
  HelloReply reply;
  Status status;
  auto rpc = stub.PrepareAsyncSayHello(&context, request, &cq);
  rpc->StartCall();
  rpc->Finish(&reply, &status, (void *)1);
}

void Renewed(Greeter::Stub &stub, const std::vector<HelloRequest> &requests) {
  auto context = std::make_unique<ClientContext>();
  HelloReply reply;
  for (const HelloRequest &request : requests) {
    context = std::make_unique<ClientContext>();
    context->set_deadline(Soon());
    (void)stub.SayHello(context.get(), request, &reply);
  }
}
