// Starts the frontend and the cache's workers, answers two lookups, shuts down.
#include "stock.hpp"

#include <iostream>

int main(int argc, char **argv) {
  std::string warehouse = argc > 1 ? argv[1] : "localhost:50052";
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(warehouse, grpc::InsecureChannelCredentials());
  std::unique_ptr<inventory::Inventory::Stub> stub = inventory::Inventory::NewStub(channel);

  stock::Frontend frontend(channel);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("0.0.0.0:50051", grpc::InsecureServerCredentials());
  builder.RegisterService(&frontend);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();

  stock::Cache cache;
  stock::UpdateQueue queue;
  std::stop_source shutdown;
  std::jthread refresher = stock::StartRefresher(*stub, cache);
  std::jthread watcher = stock::StartWatcher(*stub, "sku-1", shutdown, queue);
  std::jthread applier = stock::StartApplier(queue, cache);

  std::cout << "sku-1: " << stock::StockOrZero(*stub, "sku-1") << '\n';
  if (std::optional<std::int64_t> count = stock::StockWithRetry(*stub, "sku-2"))
    std::cout << "sku-2: " << *count << '\n';

  if (server)
    server->Shutdown();
  shutdown.request_stop();
}
