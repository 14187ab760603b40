// PROFILE-DEPS: grpc
// The grpc profile (docs/profiles.md): in a sync or callback server handler,
// a grpc::ClientContext made with its constructor (a declaration, new,
// make_unique) for an outgoing RPC drops the caller's deadline and
// cancellation, even when the code copies the deadline by hand. Flagged
// where the context is made (for a declaration, clang's location of the
// construction: the variable's name); the message names the handler's
// context and the propagating factory, ClientContext::FromServerContext (or
// FromCallbackServerContext). FromServerContext with
// disable_cancellation_propagation() is the deliberate detach: not flagged.
#include <grpcpp/grpcpp.h>

#include <memory>

#include "helloworld.grpc.pb.h"

using grpc::CallbackServerContext;
using grpc::ClientContext;
using grpc::ServerContext;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

class Frontend final : public Greeter::Service {
public:
  explicit Frontend(std::shared_ptr<grpc::Channel> backend) : backend_(Greeter::NewStub(backend)) {}

  Status SayHello(ServerContext *context, const HelloRequest *request,
                  HelloReply *reply) override {
    ClientContext downstream; // want:19 "(?=.*'context')(?=.*FromServerContext)"
    downstream.set_deadline(context->deadline());
    return backend_->SayHello(&downstream, *request, reply);
  }

private:
  std::unique_ptr<Greeter::Stub> backend_;
};

class HeapFrontend final : public Greeter::Service {
public:
  Status SayHello(ServerContext *context, const HelloRequest *request,
                  HelloReply *reply) override {
    auto owned = std::make_unique<grpc::ClientContext>(); // want:18 "(?=.*'context')(?=.*FromServerContext)"
    Status first = backend_->SayHello(owned.get(), *request, reply);
    if (first.ok())
      return first;
    ClientContext *raw = new ClientContext; // want:26 "(?=.*'context')(?=.*FromServerContext)"
    Status second = backend_->SayHello(raw, *request, reply);
    delete raw;
    return second;
  }

  std::unique_ptr<Greeter::Stub> backend_;
};

class CallbackFrontend final : public Greeter::CallbackService {
public:
  grpc::ServerUnaryReactor *SayHello(CallbackServerContext *context, const HelloRequest *request,
                                     HelloReply *reply) override {
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    auto downstream = std::make_shared<ClientContext>(); // want:23 "(?=.*'context')(?=.*FromCallbackServerContext)"
    backend_->async()->SayHello(downstream.get(), request, reply,
                                [reactor, downstream](Status s) { reactor->Finish(s); });
    return reactor;
  }

  std::unique_ptr<Greeter::Stub> backend_;
};

// Decision: a helper that receives the handler's ServerContext* has it
// available like the handler, and a lambda inside a handler has the
// handler's context (the rules of the other profiles).
Status Forward(ServerContext *context, Greeter::Stub &backend, const HelloRequest &request,
               HelloReply *reply) {
  ClientContext downstream; // want:17 "(?=.*'context')(?=.*FromServerContext)"
  return backend.SayHello(&downstream, request, reply);
}

class LambdaFrontend final : public Greeter::Service {
public:
  Status SayHello(ServerContext *context, const HelloRequest *request,
                  HelloReply *reply) override {
    auto call = [this, request, reply] {
      ClientContext downstream; // want:21 "(?=.*'context')(?=.*FromServerContext)"
      return backend_->SayHello(&downstream, *request, reply);
    };
    return call();
  }

  std::unique_ptr<Greeter::Stub> backend_;
};

// Not flagged: the propagating factories, and the deliberate detach.
class Propagating final : public Greeter::Service {
public:
  Status SayHello(ServerContext *context, const HelloRequest *request,
                  HelloReply *reply) override {
    std::unique_ptr<ClientContext> downstream = ClientContext::FromServerContext(*context);
    Status status = backend_->SayHello(downstream.get(), *request, reply);
    // An audit call that must finish even if the caller gives up.
    std::unique_ptr<ClientContext> audit = ClientContext::FromServerContext(
        *context, grpc::PropagationOptions().disable_cancellation_propagation());
    HelloReply ignored;
    (void)backend_->SayHello(audit.get(), *request, &ignored);
    return status;
  }

  std::unique_ptr<Greeter::Stub> backend_;
};

class CallbackPropagating final : public Greeter::CallbackService {
public:
  grpc::ServerUnaryReactor *SayHello(CallbackServerContext *context, const HelloRequest *request,
                                     HelloReply *reply) override {
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    std::shared_ptr<ClientContext> downstream = ClientContext::FromCallbackServerContext(*context);
    backend_->async()->SayHello(downstream.get(), request, reply,
                                [reactor, downstream](Status s) { reactor->Finish(s); });
    return reactor;
  }

  std::unique_ptr<Greeter::Stub> backend_;
};

// Not flagged: client code has no handler context.
std::string Greet(Greeter::Stub &stub, const std::string &name) {
  ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  HelloRequest request;
  request.set_name(name);
  HelloReply reply;
  return stub.SayHello(&context, request, &reply).ok() ? reply.message() : "";
}

// Not flagged: the completion-queue server API (the ServerContext is a member
// of the call's state) is out of scope for now.
class CallData {
public:
  void Proceed(Greeter::Stub &backend) {
    ClientContext downstream;
    downstream.set_deadline(ctx_.deadline());
    (void)backend.SayHello(&downstream, request_, &reply_);
  }

private:
  ServerContext ctx_;
  HelloRequest request_;
  HelloReply reply_;
};
