// PROFILE-DEPS: grpc
// Exempt from ctx-rpc-without-deadline (docs/profiles.md): a context that can
// be cancelled. Its TryCancel() is called in view (directly, or from a lambda
// or a std::stop_callback registered there), or its own address is stored
// (in a variable, member, container or atomic) or passed to a function that
// is not an RPC, as long-lived watch streams do (the rule of a cancel's
// hand-off).
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "route_guide.grpc.pb.h"

using grpc::ClientContext;
using routeguide::Feature;
using routeguide::Rectangle;
using routeguide::RouteGuide;

void Drain(grpc::ClientReaderInterface<Feature> &reader) {
  Feature feature;
  while (reader.Read(&feature)) {
  }
  (void)reader.Finish();
}

// TryCancel() called directly once enough has been read.
int FirstTen(RouteGuide::Stub &stub, const Rectangle &rect) {
  ClientContext context;
  auto reader = stub.ListFeatures(&context, rect);
  Feature feature;
  int n = 0;
  while (reader->Read(&feature))
    if (++n == 10) {
      context.TryCancel();
      break;
    }
  (void)reader->Finish();
  return n;
}

// TryCancel() from a lambda run by another thread.
void CancelledByWatchdog(RouteGuide::Stub &stub, const Rectangle &rect, std::stop_token st) {
  ClientContext context;
  std::jthread watchdog([&context](std::stop_token own) {
    while (!own.stop_requested())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    context.TryCancel();
  });
  Drain(*stub.ListFeatures(&context, rect));
}

// TryCancel() from a std::stop_callback: the caller's stop cancels the watch.
void Watch(RouteGuide::Stub &stub, const Rectangle &rect, std::stop_token st) {
  ClientContext context;
  std::stop_callback cancel(st, [&context] { context.TryCancel(); });
  Drain(*stub.ListFeatures(&context, rect));
}

// The address stored: a member, a container, an atomic, a local pointer.
class Watches {
public:
  void Current(RouteGuide::Stub &stub, const Rectangle &rect) {
    ClientContext context;
    {
      std::lock_guard lock(mu_);
      current_ = &context;
    }
    Drain(*stub.ListFeatures(&context, rect));
  }

  void Registered(RouteGuide::Stub &stub, const Rectangle &rect) {
    ClientContext context;
    {
      std::lock_guard lock(mu_);
      active_.push_back(&context);
    }
    Drain(*stub.ListFeatures(&context, rect));
  }

  void Published(RouteGuide::Stub &stub, const Rectangle &rect) {
    ClientContext context;
    latest_.store(&context);
    Drain(*stub.ListFeatures(&context, rect));
  }

  void Local(RouteGuide::Stub &stub, const Rectangle &rect) {
    ClientContext context;
    ClientContext *handle = &context;
    Hand(handle);
    Drain(*stub.ListFeatures(&context, rect));
  }

  void CancelAll() {
    std::lock_guard lock(mu_);
    if (current_)
      current_->TryCancel();
    for (ClientContext *c : active_)
      c->TryCancel();
  }

private:
  void Hand(ClientContext *c);
  std::mutex mu_;
  ClientContext *current_ = nullptr;
  std::vector<ClientContext *> active_;
  std::atomic<ClientContext *> latest_{nullptr};
};

// The address passed to a function that is not an RPC.
void RegisterForShutdown(ClientContext *context); // defined elsewhere
void AddAuth(ClientContext *context) { context->AddMetadata("authorization", "Bearer token"); }

void HandedOff(RouteGuide::Stub &stub, const Rectangle &rect) {
  ClientContext context;
  RegisterForShutdown(&context);
  Drain(*stub.ListFeatures(&context, rect));
}

// Exempt by the hand-off rule as profiles.md states it, although this
// helper's visible body only adds metadata and cannot cancel anything
// (a stricter reading would flag it; see docs/checks/ctx-rpc-without-deadline.md).
void Authenticated(RouteGuide::Stub &stub, const Rectangle &rect) {
  ClientContext context;
  AddAuth(&context);
  Drain(*stub.ListFeatures(&context, rect));
}

// Still flagged: nothing in view can cancel this context.
void Forgotten(RouteGuide::Stub &stub, const Rectangle &rect) {
  ClientContext context;
  Drain(*stub.ListFeatures(&context, rect)); // want:10 "(?=.*'context')(?=.*deadline)"
}
