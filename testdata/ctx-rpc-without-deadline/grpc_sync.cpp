// PROFILE-DEPS: grpc
// ctx-rpc-without-deadline (docs/profiles.md): an RPC (a call of a generated
// stub method that takes a grpc::ClientContext*) whose context has no
// deadline on some path to it is flagged at the RPC: without a deadline a
// call to an unresponsive server waits forever (gRPC's guidance: always set
// a deadline, grpc#3954). The deadline must be set before the stub method is
// called; a helper whose body is visible may set it. The message names the
// context. Sync calls of every streaming kind, and the mock-friendly
// StubInterface.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>

#include "helloworld.grpc.pb.h"
#include "route_guide.grpc.pb.h"

using namespace std::chrono_literals;
using grpc::ClientContext;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;
using routeguide::Feature;
using routeguide::Point;
using routeguide::Rectangle;
using routeguide::RouteGuide;
using routeguide::RouteNote;
using routeguide::RouteSummary;

std::chrono::system_clock::time_point Soon() { return std::chrono::system_clock::now() + 1s; }

std::string NoDeadline(Greeter::Stub *stub, const HelloRequest &request) {
  ClientContext context;
  HelloReply reply;
  Status status = stub->SayHello(&context, request, &reply); // want:19 "(?=.*'context')(?=.*deadline)"
  return status.ok() ? reply.message() : "";
}

std::string WithDeadline(Greeter::Stub *stub, const HelloRequest &request) {
  ClientContext context;
  context.set_deadline(Soon());
  HelloReply reply;
  Status status = stub->SayHello(&context, request, &reply);
  return status.ok() ? reply.message() : "";
}

// gRPC's C deadline type works as well.
void TimespecDeadline(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext context;
  context.set_deadline(
      gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), gpr_time_from_seconds(1, GPR_TIMESPAN)));
  (void)stub.SayHello(&context, request, reply);
}

// No deadline on the path where `interactive` is false.
void SomePaths(Greeter::Stub *stub, const HelloRequest &request, HelloReply *reply,
               bool interactive) {
  ClientContext context;
  if (interactive)
    context.set_deadline(Soon());
  (void)stub->SayHello(&context, request, reply); // want:9 "(?=.*'context')(?=.*deadline)"
}

void EveryPath(Greeter::Stub *stub, const HelloRequest &request, HelloReply *reply,
               bool interactive) {
  ClientContext context;
  if (interactive)
    context.set_deadline(Soon());
  else
    context.set_deadline(std::chrono::system_clock::now() + 30s);
  (void)stub->SayHello(&context, request, reply);
}

// Too late: the call has already been made with the context's deadline.
void DeadlineAfterTheCall(Greeter::Stub *stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext context;
  (void)stub->SayHello(&context, request, reply); // want:9 "(?=.*'context')(?=.*deadline)"
  context.set_deadline(Soon());
}

// Every kind of RPC.
void Streams(RouteGuide::Stub *stub, const Rectangle &rect) {
  ClientContext list_context;
  std::unique_ptr<grpc::ClientReader<Feature>> reader(stub->ListFeatures(&list_context, rect)); // want:55 "(?=.*'list_context')(?=.*deadline)"
  Feature feature;
  while (reader->Read(&feature)) {
  }
  (void)reader->Finish();

  ClientContext record_context;
  RouteSummary summary;
  auto writer = stub->RecordRoute(&record_context, &summary); // want:17 "(?=.*'record_context')(?=.*deadline)"
  writer->WritesDone();
  (void)writer->Finish();

  ClientContext chat_context;
  auto stream = stub->RouteChat(&chat_context); // want:17 "(?=.*'chat_context')(?=.*deadline)"
  stream->WritesDone();
  (void)stream->Finish();
}

// The interface that mocks implement is generated too.
Status ThroughInterface(Greeter::StubInterface &stub, const HelloRequest &request,
                        HelloReply *reply) {
  ClientContext context;
  return stub.SayHello(&context, request, reply); // want:10 "(?=.*'context')(?=.*deadline)"
}

// A context made on the heap.
Status OnTheHeap(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  auto context = std::make_unique<ClientContext>();
  return stub.SayHello(context.get(), request, reply); // want:10 "(?=.*'context')(?=.*deadline)"
}

// Helpers whose bodies are visible set the deadline.
void WithTimeout(ClientContext &context, std::chrono::milliseconds timeout) {
  context.set_deadline(std::chrono::system_clock::now() + timeout);
}
void WithDefaultDeadline(ClientContext *context) { context->set_deadline(Soon()); }

Status ThroughHelpers(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext first;
  WithTimeout(first, 250ms);
  Status status = stub.SayHello(&first, request, reply);
  ClientContext second;
  WithDefaultDeadline(&second);
  return status.ok() ? status : stub.SayHello(&second, request, reply);
}

// A wrapper that receives its context: the caller decides the deadline, so
// the RPC inside is not judged here.
Status CallGreeter(Greeter::Stub &stub, ClientContext *context, const HelloRequest &request,
                   HelloReply *reply) {
  return stub.SayHello(context, request, reply);
}
