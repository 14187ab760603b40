// A cache of stock counts, kept fresh by background std::jthreads.
#include "stock.hpp"

#include <utility>
#include <vector>

namespace stock {

using inventory::Stock;

void Cache::Put(const Stock &stock) {
  std::lock_guard lock(mu_);
  counts_[stock.sku()] = stock.count();
}

std::optional<std::int64_t> Cache::Get(const std::string &sku) const {
  std::lock_guard lock(mu_);
  auto it = counts_.find(sku);
  if (it == counts_.end())
    return std::nullopt;
  return it->second;
}

void Cache::RefreshAll(Inventory::StubInterface &stub) {
  std::vector<std::string> skus;
  {
    std::lock_guard lock(mu_);
    for (const auto &entry : counts_)
      skus.push_back(entry.first);
  }
  for (const std::string &sku : skus)
    if (std::optional<std::int64_t> count = FetchStock(stub, sku, std::chrono::milliseconds(200))) {
      Stock stock;
      stock.set_sku(sku);
      stock.set_count(*count);
      Put(stock);
    }
}

void UpdateQueue::Push(Stock stock) {
  {
    std::lock_guard lock(mu_);
    items_.push_back(std::move(stock));
  }
  cv_.notify_one();
}

// Mistake: the wait cannot see st. At shutdown the applier's jthread
// requests a stop, nobody notifies cv_, and its destructor joins forever.
std::optional<Stock> UpdateQueue::Pop(std::stop_token st) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !items_.empty() || st.stop_requested(); });
  if (items_.empty())
    return std::nullopt;
  Stock stock = std::move(items_.front());
  items_.pop_front();
  return stock;
}

// Mistake: the callable takes no token and loops forever, so the returned
// jthread's destructor requests a stop nobody sees, then joins forever.
std::jthread StartRefresher(Inventory::StubInterface &stub, Cache &cache) {
  return std::jthread([&stub, &cache] {
    for (;;) {
      cache.RefreshAll(stub);
      std::this_thread::sleep_for(std::chrono::seconds(5));
    }
  });
}

static void WatchInto(std::stop_token st, Inventory::StubInterface &stub, const std::string &sku,
                      UpdateQueue &queue) {
  while (!st.stop_requested())
    WatchStock(stub, sku, st, [&queue](const Stock &stock) { queue.Push(stock); });
}

// Mistake: WatchInto receives the service's shutdown token instead of the
// jthread's own, so destroying the jthread does not stop the watch.
std::jthread StartWatcher(Inventory::StubInterface &stub, const std::string &sku,
                          std::stop_source &shutdown, UpdateQueue &queue) {
  return std::jthread(WatchInto, shutdown.get_token(), std::ref(stub), sku, std::ref(queue));
}

// The idiom: the callable takes the jthread's token and passes it on.
std::jthread StartApplier(UpdateQueue &queue, Cache &cache) {
  return std::jthread([&queue, &cache](std::stop_token st) {
    while (std::optional<Stock> stock = queue.Pop(st))
      cache.Put(*stock);
  });
}

} // namespace stock
