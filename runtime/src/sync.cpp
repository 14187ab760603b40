// WaitGroup and ErrGroup.
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>

#include "ctx/sync.hpp"
#include "internal.hpp"

namespace ctx::detail {

struct WaitGroupState {
  std::mutex m;
  std::condition_variable cv;
  long long counter = 0;
};

void wg_add(WaitGroupState& st, int delta) {
  std::lock_guard<std::mutex> lk(st.m);
  if (st.counter + delta < 0) throw std::logic_error("ctx::WaitGroup: negative counter");
  st.counter += delta;
  if (st.counter == 0) st.cv.notify_all();
}

namespace {
void wg_wait(WaitGroupState& st, BlockKind kind) {
  std::unique_lock<std::mutex> lk(st.m);
  if (st.counter == 0) return;
  BlockScope blocked(kind);
  st.cv.wait(lk, [&] { return st.counter == 0; });
}
}  // namespace

struct ErrGroupState {
  WaitGroupState wg;
  std::mutex m;
  std::condition_variable cv;
  int limit = -1;  // < 0: none
  int active = 0;
  bool has_error = false;
  Error err;
  CancelCauseFunc cancel;  // empty for a group made without a context
};

void eg_acquire(ErrGroupState& st) {
  {
    std::unique_lock<std::mutex> lk(st.m);
    if (st.limit >= 0 && st.active >= st.limit) {
      BlockScope blocked(BlockKind::errgroup_go);
      st.cv.wait(lk, [&] { return st.limit < 0 || st.active < st.limit; });
    }
    ++st.active;
  }
  wg_add(st.wg, 1);
}

bool eg_try_acquire(ErrGroupState& st) {
  {
    std::lock_guard<std::mutex> lk(st.m);
    if (st.limit >= 0 && st.active >= st.limit) return false;
    ++st.active;
  }
  wg_add(st.wg, 1);
  return true;
}

void eg_release(ErrGroupState& st) {
  {
    std::lock_guard<std::mutex> lk(st.m);
    --st.active;
    st.cv.notify_one();
  }
  wg_add(st.wg, -1);
}

void eg_finish(ErrGroupState& st, Error err) {
  if (err) {
    CancelCauseFunc cancel;
    {
      std::lock_guard<std::mutex> lk(st.m);
      if (!st.has_error) {
        st.has_error = true;
        st.err = err;
        cancel = st.cancel;
      }
    }
    cancel(err);  // no-op when empty or not the first error
  }
  eg_release(st);
}

}  // namespace ctx::detail

namespace ctx {

WaitGroup::WaitGroup() : state_(std::make_shared<detail::WaitGroupState>()) {}

void WaitGroup::add(int delta) const { detail::wg_add(*state_, delta); }

void WaitGroup::done() const { detail::wg_add(*state_, -1); }

void WaitGroup::wait() const { detail::wg_wait(*state_, detail::BlockKind::wait_group); }

ErrGroup::ErrGroup() : state_(std::make_shared<detail::ErrGroupState>()) {}

std::pair<ErrGroup, Context> ErrGroup::with_context(const Context& parent) {
  auto [c, cancel] = with_cancel_cause(parent);
  ErrGroup g;
  g.state_->cancel = cancel;
  return {std::move(g), c};
}

void ErrGroup::set_limit(int n) {
  std::lock_guard<std::mutex> lk(state_->m);
  if (state_->active != 0) {
    throw std::logic_error("ctx::ErrGroup: modify limit while " + std::to_string(state_->active) +
                           " goroutines in the group are still active");
  }
  state_->limit = n < 0 ? -1 : n;
  state_->cv.notify_all();
}

Error ErrGroup::wait() const {
  detail::wg_wait(state_->wg, detail::BlockKind::errgroup_wait);
  Error err;
  CancelCauseFunc cancel;
  {
    std::lock_guard<std::mutex> lk(state_->m);
    err = state_->err;
    cancel = state_->cancel;
  }
  cancel(err);
  return err;
}

}  // namespace ctx
