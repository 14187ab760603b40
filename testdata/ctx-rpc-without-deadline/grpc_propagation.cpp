// PROFILE-DEPS: grpc
// In a handler, a context made by ClientContext::FromServerContext (or
// FromCallbackServerContext) carries the caller's deadline unless deadline
// propagation is disabled (docs/profiles.md); disabling only cancellation
// propagation keeps the deadline.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>

#include "helloworld.grpc.pb.h"

using grpc::ClientContext;
using grpc::PropagationOptions;
using grpc::ServerContext;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;

class Relay final : public Greeter::Service {
public:
  Status SayHello(ServerContext *context, const HelloRequest *request,
                  HelloReply *reply) override {
    std::unique_ptr<ClientContext> propagated = ClientContext::FromServerContext(*context);
    Status status = backend_->SayHello(propagated.get(), *request, reply);

    auto detached = ClientContext::FromServerContext(
        *context, PropagationOptions().disable_cancellation_propagation());
    HelloReply audit;
    (void)backend_->SayHello(detached.get(), *request, &audit);

    auto no_deadline = ClientContext::FromServerContext(
        *context, PropagationOptions().disable_deadline_propagation());
    (void)backend_->SayHello(no_deadline.get(), *request, &audit); // want:11 "(?=.*'no_deadline')(?=.*deadline)"

    auto own_deadline = ClientContext::FromServerContext(
        *context, PropagationOptions().disable_deadline_propagation());
    own_deadline->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(50));
    (void)backend_->SayHello(own_deadline.get(), *request, &audit);

    // A context made with its constructor (ctx-background-mid-flow's case) is
    // judged like any other: the deadline copied by hand is a deadline.
    ClientContext copied;
    copied.set_deadline(context->deadline());
    (void)backend_->SayHello(&copied, *request, &audit);
    return status;
  }

private:
  std::unique_ptr<Greeter::Stub> backend_;
};

class CallbackRelay final : public Greeter::CallbackService {
public:
  grpc::ServerUnaryReactor *SayHello(grpc::CallbackServerContext *context,
                                     const HelloRequest *request, HelloReply *reply) override {
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    std::shared_ptr<ClientContext> propagated = ClientContext::FromCallbackServerContext(*context);
    backend_->async()->SayHello(propagated.get(), request, reply,
                                [reactor, propagated](Status s) { reactor->Finish(s); });
    return reactor;
  }

private:
  std::unique_ptr<Greeter::Stub> backend_;
};
