// PROFILE-DEPS: grpc
// ctx-rpc-without-deadline on the callback client API (docs/profiles.md):
// stub->async()->Method(...) is an RPC, in a function and in a reactor's
// constructor. As for PrepareAsync*, a deadline set after async()->Method()
// and before StartCall() is too late.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "helloworld.grpc.pb.h"
#include "route_guide.grpc.pb.h"

using grpc::ClientContext;
using grpc::Status;
using helloworld::Greeter;
using helloworld::HelloReply;
using helloworld::HelloRequest;
using routeguide::Feature;
using routeguide::RouteGuide;
using routeguide::RouteNote;

std::chrono::system_clock::time_point Soon() {
  return std::chrono::system_clock::now() + std::chrono::seconds(1);
}

Status Unary(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext context;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  Status result;
  stub.async()->SayHello(&context, &request, reply, [&](Status s) { // want:3 "(?=.*'context')(?=.*deadline)"
    std::lock_guard lock(mu);
    result = std::move(s);
    done = true;
    cv.notify_one();
  });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done; });
  return result;
}

Status UnaryWithin(Greeter::Stub &stub, const HelloRequest &request, HelloReply *reply) {
  ClientContext context;
  context.set_deadline(Soon());
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  Status result;
  stub.async()->SayHello(&context, &request, reply, [&](Status s) {
    std::lock_guard lock(mu);
    result = std::move(s);
    done = true;
    cv.notify_one();
  });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done; });
  return result;
}

// A reactor starts its RPC in its constructor, with its member context.
class Reader : public grpc::ClientReadReactor<Feature> {
public:
  Reader(RouteGuide::Stub *stub, const routeguide::Rectangle &rect) {
    stub->async()->ListFeatures(&context_, &rect, this); // want:5 "(?=.*context_')(?=.*deadline)"
    StartRead(&feature_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (ok)
      StartRead(&feature_);
  }
  void OnDone(const Status &) override {}

private:
  ClientContext context_;
  Feature feature_;
};

class BoundedReader : public grpc::ClientReadReactor<Feature> {
public:
  BoundedReader(RouteGuide::Stub *stub, const routeguide::Rectangle &rect) {
    context_.set_deadline(Soon());
    stub->async()->ListFeatures(&context_, &rect, this);
    StartRead(&feature_);
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (ok)
      StartRead(&feature_);
  }
  void OnDone(const Status &) override {}

private:
  ClientContext context_;
  Feature feature_;
};

// Too late: set after async()->RouteChat(), before StartCall().
class Chatter : public grpc::ClientBidiReactor<RouteNote, RouteNote> {
public:
  explicit Chatter(RouteGuide::Stub *stub) {
    stub->async()->RouteChat(&context_, this); // want:5 "(?=.*context_')(?=.*deadline)"
    context_.set_deadline(Soon());
    StartRead(&incoming_);
    StartCall();
  }
  void OnDone(const Status &) override {}

private:
  ClientContext context_;
  RouteNote incoming_;
};
