// The service our clients call: it forwards to the warehouse.
#include "stock.hpp"

namespace stock {

Frontend::Frontend(std::shared_ptr<grpc::Channel> warehouse)
    : warehouse_(Inventory::NewStub(warehouse)) {}

// Mistake: a fresh ClientContext. Copying the deadline by hand keeps the
// deadline but not the cancellation: when our client gives up, the warehouse
// call goes on.
grpc::Status Frontend::GetStock(grpc::ServerContext *context,
                                const inventory::StockRequest *request,
                                inventory::Stock *reply) {
  grpc::ClientContext upstream;
  upstream.set_deadline(context->deadline());
  return warehouse_->GetStock(&upstream, *request, reply);
}

// The idiom: the upstream call inherits the caller's deadline and
// cancellation, and the relay stops when our client stops reading.
grpc::Status Frontend::WatchStock(grpc::ServerContext *context,
                                  const inventory::StockRequest *request,
                                  grpc::ServerWriter<inventory::Stock> *writer) {
  std::unique_ptr<grpc::ClientContext> upstream = grpc::ClientContext::FromServerContext(*context);
  std::unique_ptr<grpc::ClientReader<inventory::Stock>> reader =
      warehouse_->WatchStock(upstream.get(), *request);
  inventory::Stock stock;
  while (reader->Read(&stock))
    if (!writer->Write(stock)) {
      upstream->TryCancel();
      break;
    }
  return reader->Finish();
}

} // namespace stock
