// PROFILE-DEPS: grpc
// ctx-not-first-param is not applied to the std and grpc profiles
// (docs/profiles.md): std::jthread passes its token first but
// CondvarWait(cv, lock, token, pred) and worker(id, token) signatures are
// idiomatic, and gRPC's own handler and helper signatures put the context
// where they like. Silent today, silent with profiles on.
#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>
#include <stop_token>

#include "helloworld.grpc.pb.h"

template <class Pred>
bool CondvarWait(std::condition_variable_any &cv, std::unique_lock<std::mutex> &lock,
                 std::stop_token token, Pred pred) {
  return cv.wait(lock, token, pred);
}

void worker_fun(int id, std::stop_token stoken);
void Authenticate(const std::string &user, grpc::ClientContext *context);
void Annotate(helloworld::HelloReply *reply, grpc::ServerContext *context);

struct Handler {
  grpc::Status Forward(const helloworld::HelloRequest &request, grpc::ClientContext *context);
};
