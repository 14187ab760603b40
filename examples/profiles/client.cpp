// Calls to the warehouse's Inventory service.
#include "stock.hpp"

namespace stock {

using inventory::Stock;
using inventory::StockRequest;

// The idiom: a fresh ClientContext per attempt, each with a deadline.
std::optional<std::int64_t> FetchStock(Inventory::StubInterface &stub, const std::string &sku,
                                       std::chrono::milliseconds timeout) {
  StockRequest request;
  request.set_sku(sku);
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + timeout);
    Stock stock;
    grpc::Status status = stub.GetStock(&context, request, &stock);
    if (status.ok())
      return stock.count();
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE)
      break;
  }
  return std::nullopt;
}

// Mistake: no deadline. If the warehouse hangs, so does every caller.
std::int64_t StockOrZero(Inventory::StubInterface &stub, const std::string &sku) {
  grpc::ClientContext context;
  StockRequest request;
  request.set_sku(sku);
  Stock stock;
  grpc::Status status = stub.GetStock(&context, request, &stock);
  return status.ok() ? stock.count() : 0;
}

// Mistake: one context for every attempt. gRPC aborts on the second call.
std::optional<std::int64_t> StockWithRetry(Inventory::StubInterface &stub, const std::string &sku) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  StockRequest request;
  request.set_sku(sku);
  for (int attempt = 0; attempt < 3; ++attempt) {
    Stock stock;
    if (stub.GetStock(&context, request, &stock).ok())
      return stock.count();
  }
  return std::nullopt;
}

// A watch lives as long as its caller wants: no deadline, but the caller's
// stop cancels it (TryCancel from a std::stop_callback).
void WatchStock(Inventory::StubInterface &stub, const std::string &sku, std::stop_token st,
                const std::function<void(const Stock &)> &on_update) {
  grpc::ClientContext context;
  std::stop_callback cancel(st, [&context] { context.TryCancel(); });
  StockRequest request;
  request.set_sku(sku);
  std::unique_ptr<grpc::ClientReaderInterface<Stock>> reader = stub.WatchStock(&context, request);
  Stock stock;
  while (reader->Read(&stock))
    on_update(stock);
  (void)reader->Finish();
}

} // namespace stock
