// The stock service's declarations: the gRPC client calls, the frontend
// server, the background workers.
#ifndef STOCK_HPP
#define STOCK_HPP

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "inventory.grpc.pb.h"

namespace stock {

using inventory::Inventory;

// client.cpp: calls to the warehouse's Inventory service.
std::optional<std::int64_t> FetchStock(Inventory::StubInterface &stub, const std::string &sku,
                                       std::chrono::milliseconds timeout);
std::int64_t StockOrZero(Inventory::StubInterface &stub, const std::string &sku);
std::optional<std::int64_t> StockWithRetry(Inventory::StubInterface &stub, const std::string &sku);
void WatchStock(Inventory::StubInterface &stub, const std::string &sku, std::stop_token st,
                const std::function<void(const inventory::Stock &)> &on_update);

// frontend.cpp: the service our clients call; it asks the warehouse.
class Frontend final : public Inventory::Service {
public:
  explicit Frontend(std::shared_ptr<grpc::Channel> warehouse);
  grpc::Status GetStock(grpc::ServerContext *context, const inventory::StockRequest *request,
                        inventory::Stock *reply) override;
  grpc::Status WatchStock(grpc::ServerContext *context, const inventory::StockRequest *request,
                          grpc::ServerWriter<inventory::Stock> *writer) override;

private:
  std::unique_ptr<Inventory::Stub> warehouse_;
};

// workers.cpp: a cache of stock counts kept fresh by background threads.
class Cache {
public:
  void Put(const inventory::Stock &stock);
  std::optional<std::int64_t> Get(const std::string &sku) const;
  void RefreshAll(Inventory::StubInterface &stub);

private:
  mutable std::mutex mu_;
  std::map<std::string, std::int64_t> counts_;
};

class UpdateQueue {
public:
  void Push(inventory::Stock stock);
  std::optional<inventory::Stock> Pop(std::stop_token st); // empty once st is stopped

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<inventory::Stock> items_;
};

std::jthread StartRefresher(Inventory::StubInterface &stub, Cache &cache);
std::jthread StartWatcher(Inventory::StubInterface &stub, const std::string &sku,
                          std::stop_source &shutdown, UpdateQueue &queue);
std::jthread StartApplier(UpdateQueue &queue, Cache &cache);

} // namespace stock

#endif
