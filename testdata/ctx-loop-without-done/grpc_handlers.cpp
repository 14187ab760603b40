// PROFILE-DEPS: grpc
// The grpc profile (docs/profiles.md): in a sync or callback server handler
// (a method with a grpc::ServerContext* / CallbackServerContext* parameter),
// an unbounded loop that never checks IsCancelled() and whose condition or
// exit does not use the stream's result is flagged at the loop: the client
// is gone, the deadline passed, the server shuts down, and the handler keeps
// its thread forever. Client code has no context and is not flagged.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <thread>

#include "route_guide.grpc.pb.h"

using grpc::ServerContext;
using grpc::Status;
using routeguide::Feature;
using routeguide::Point;
using routeguide::Rectangle;
using routeguide::RouteNote;
using routeguide::RouteSummary;

Feature NextUpdate();
bool Publish(grpc::ServerContext *context, const Feature &f); // may check IsCancelled()

class Watcher final : public routeguide::RouteGuide::Service {
  // Flagged: the Write result is ignored and nothing else ends the loop.
  Status ListFeatures(ServerContext *context, const Rectangle *rect,
                      grpc::ServerWriter<Feature> *writer) override {
    for (;;) { // want:5 "never observes.*'context'"
      writer->Write(NextUpdate());
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

  // Flagged: a bidirectional stream written forever.
  Status RouteChat(ServerContext *context,
                   grpc::ServerReaderWriter<RouteNote, RouteNote> *stream) override {
    RouteNote note;
    while (true) // want:5 "never observes.*'context'"
      stream->Write(note);
  }

  // Not flagged: the stream's result bounds the loop.
  Status RecordRoute(ServerContext *context, grpc::ServerReader<Point> *reader,
                     RouteSummary *summary) override {
    Point point;
    int count = 0;
    while (reader->Read(&point))
      ++count;
    summary->set_point_count(count);
    return Status::OK;
  }
};

class Streamer final : public routeguide::RouteGuide::Service {
  // Not flagged: the loop exits when a write fails.
  Status ListFeatures(ServerContext *context, const Rectangle *rect,
                      grpc::ServerWriter<Feature> *writer) override {
    for (;;) {
      if (!writer->Write(NextUpdate()))
        break;
    }
    while (writer->Write(NextUpdate())) {
    }
    return Status::OK;
  }

  // Not flagged: the loop checks IsCancelled().
  Status RouteChat(ServerContext *context,
                   grpc::ServerReaderWriter<RouteNote, RouteNote> *stream) override {
    RouteNote note;
    for (;;) {
      if (context->IsCancelled())
        return Status::CANCELLED;
      stream->Write(note);
    }
  }

  // Not flagged (decision, as for the other profiles): the loop passes the
  // handler's context on, so the callee can observe it.
  Status GetFeature(ServerContext *context, const Point *point, Feature *feature) override {
    for (;;)
      Publish(context, NextUpdate());
  }
};

// Not a handler: client code, no context.
void client_loop(routeguide::RouteGuide::Stub *stub) {
  for (;;) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    Feature feature;
    stub->GetFeature(&context, Point(), &feature);
  }
}
