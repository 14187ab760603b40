// Go's context package (context.go): cancelCtx, timerCtx, valueCtx,
// withoutCancelCtx, afterFuncCtx and the watcher for foreign parents.
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#include <cxxabi.h>
#endif

#include "ctx/context.hpp"
#include "internal.hpp"

namespace ctx::detail {

namespace {
std::atomic<std::size_t> g_watchers_live{0};
std::atomic<std::size_t> g_watchers_started{0};

[[noreturn]] void throw_nil(const char* what) {
  throw std::invalid_argument(std::string("ctx::") + what + ": use of the nil Context");
}

std::string format_duration(Duration d) {
  using namespace std::chrono;
  const bool negative = d < Duration::zero();
  const double ns = static_cast<double>(duration_cast<nanoseconds>(negative ? -d : d).count());
  char buf[64];
  if (ns >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.3gs", ns / 1e9);
  } else if (ns >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.3gms", ns / 1e6);
  } else if (ns >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.3gus", ns / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0fns", ns);
  }
  return negative ? std::string(buf) + " ago" : "in " + std::string(buf);
}
}  // namespace

std::string type_name(const std::type_info& t) {
#if defined(__GNUC__) || defined(__clang__)
  int status = 0;
  char* demangled = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  if (status == 0 && demangled != nullptr) {
    std::string out(demangled);
    std::free(demangled);
    return out;
  }
#endif
  return t.name();
}

// ---------------------------------------------------------------- nodes

class Node : public std::enable_shared_from_this<Node> {
 public:
  virtual ~Node() = default;
  virtual std::optional<TimePoint> deadline() const = 0;
  virtual std::shared_ptr<ChanBase> done_chan() const = 0;  // null: never done
  virtual Error err() const = 0;
  virtual std::string name() const = 0;
  virtual const ValueEntryBase* own_value() const noexcept { return nullptr; }
  virtual const Node* value_parent() const noexcept = 0;
  // Go's parent.Value(&cancelCtxKey): the nearest cancellable ancestor.
  virtual CancelNode* nearest_cancel() const noexcept = 0;
};

Error cause_of(const Node& n);

class EmptyNode final : public Node {
 public:
  explicit EmptyNode(const char* name) : name_(name) {}
  std::optional<TimePoint> deadline() const override { return std::nullopt; }
  std::shared_ptr<ChanBase> done_chan() const override { return nullptr; }
  Error err() const override { return Error{}; }
  std::string name() const override { return name_; }
  const Node* value_parent() const noexcept override { return nullptr; }
  CancelNode* nearest_cancel() const noexcept override { return nullptr; }

 private:
  const char* name_;
};

class CancelNode : public Node {
 public:
  explicit CancelNode(std::shared_ptr<Node> parent) : parent_(std::move(parent)) {}
  ~CancelNode() override {
    if (registered_with_ != nullptr) registered_with_->forget_child(this);
  }
  CancelNode(const CancelNode&) = delete;
  CancelNode& operator=(const CancelNode&) = delete;

  std::optional<TimePoint> deadline() const override { return parent_->deadline(); }
  std::shared_ptr<ChanBase> done_chan() const override {
    return std::shared_ptr<ChanBase>(std::const_pointer_cast<Node>(shared_from_this()), &done_);
  }
  Error err() const override {
    if (!done_.is_closed()) return Error{};
    std::lock_guard<std::mutex> lk(mu_);
    return err_;
  }
  std::string name() const override { return parent_->name() + ".with_cancel"; }
  const Node* value_parent() const noexcept override { return parent_.get(); }
  CancelNode* nearest_cancel() const noexcept override { return const_cast<CancelNode*>(this); }

  // Go's canceler.cancel: closes done, cancels every child (holding this
  // lock: lock order is parent then child), then optionally unregisters from
  // the parent.
  virtual void cancel(bool remove_from_parent, const Error& err, const Error& cause) {
    cancel_self(err, cause);
    if (remove_from_parent) detach_from_parent();
  }

  Error cause() const {
    std::lock_guard<std::mutex> lk(mu_);
    return cause_;
  }

  std::size_t child_count() const {
    std::lock_guard<std::mutex> lk(mu_);
    return children_.size();
  }

  // Go's propagateCancel: arrange for this node to be cancelled with its
  // parent. `strong`: the parent keeps this node alive (after_func nodes, which
  // nobody else may hold); other children are held weakly, since a child no one
  // can observe any more need not be cancelled.
  void propagate(bool strong) {
    std::shared_ptr<ChanBase> pdone = parent_->done_chan();
    if (!pdone) return;  // the parent is never cancelled
    if (pdone->is_closed()) {
      cancel(false, parent_->err(), cause_of(*parent_));
      return;
    }
    auto self = std::static_pointer_cast<CancelNode>(shared_from_this());
    if (CancelNode* p = parent_->nearest_cancel(); p != nullptr && &p->done_ == pdone.get()) {
      std::lock_guard<std::mutex> lk(p->mu_);
      if (p->err_) {
        cancel(false, p->err_, p->cause_);  // the parent has already been cancelled
      } else {
        ChildRef ref;
        if (strong) {
          ref.strong = self;
        } else {
          ref.weak = self;
        }
        p->children_.emplace(this, std::move(ref));
        registered_with_ = p;
      }
      return;
    }
    start_watcher(parent_, std::move(self));
  }

 protected:
  void cancel_self(const Error& err, const Error& cause_in) {
    const Error cause = cause_in ? cause_in : err;
    std::vector<std::shared_ptr<CancelNode>> cancelled;  // released after unlocking
    std::lock_guard<std::mutex> lk(mu_);
    if (err_) return;  // already cancelled: the first cancellation wins
    err_ = err;
    cause_ = cause;
    done_.close();
    cancelled.reserve(children_.size());
    for (auto& entry : children_) {
      std::shared_ptr<CancelNode> child = entry.second.strong ? entry.second.strong : entry.second.weak.lock();
      if (!child) continue;  // being destroyed
      child->cancel(false, err, cause);
      cancelled.push_back(std::move(child));
    }
    children_.clear();
  }

  void detach_from_parent() {
    if (registered_with_ != nullptr) registered_with_->forget_child(this);
  }

  void forget_child(CancelNode* child) {
    std::shared_ptr<CancelNode> dropped;  // an after_func node dies outside the lock
    std::lock_guard<std::mutex> lk(mu_);
    auto it = children_.find(child);
    if (it == children_.end()) return;
    dropped = std::move(it->second.strong);
    children_.erase(it);
  }

  static void start_watcher(std::shared_ptr<Node> parent, std::shared_ptr<CancelNode> child);

  std::shared_ptr<Node> parent_;
  mutable std::mutex mu_;
  mutable ChanCore<Unit> done_{0};
  Error err_;    // guarded by mu_
  Error cause_;  // guarded by mu_

 private:
  struct ChildRef {
    std::weak_ptr<CancelNode> weak;
    std::shared_ptr<CancelNode> strong;
  };
  std::unordered_map<CancelNode*, ChildRef> children_;  // guarded by mu_
  // The ancestor this node is registered with; alive as long as this node
  // (reachable through parent_). Set before the node is published.
  CancelNode* registered_with_ = nullptr;
};

Error cause_of(const Node& n) {
  if (CancelNode* cc = n.nearest_cancel()) return cc->cause();
  return n.err();
}

// A parent that is not one of this runtime's contexts: watch it from a thread,
// as Go starts a goroutine.
void CancelNode::start_watcher(std::shared_ptr<Node> parent, std::shared_ptr<CancelNode> child) {
  g_watchers_started.fetch_add(1, std::memory_order_relaxed);
  g_watchers_live.fetch_add(1, std::memory_order_acq_rel);
  try {
    std::thread([parent = std::move(parent), child = std::move(child)] {
      const std::shared_ptr<ChanBase> pdone = parent->done_chan();
      const std::shared_ptr<ChanBase> cdone = child->done_chan();
      CaseDesc cases[2] = {{pdone.get(), CaseKind::recv, nullptr}, {cdone.get(), CaseKind::recv, nullptr}};
      if (select_impl(cases, 2) == 0) child->cancel(false, parent->err(), cause_of(*parent));
      g_watchers_live.fetch_sub(1, std::memory_order_acq_rel);
    }).detach();
  } catch (...) {
    g_watchers_live.fetch_sub(1, std::memory_order_acq_rel);
    throw;
  }
}

class TimerNode final : public CancelNode {
 public:
  TimerNode(std::shared_ptr<Node> parent, TimePoint deadline)
      : CancelNode(std::move(parent)), deadline_(deadline) {}
  ~TimerNode() override {
    if (timer_ != 0) TimerService::instance().stop(timer_);
  }
  TimerNode(const TimerNode&) = delete;
  TimerNode& operator=(const TimerNode&) = delete;

  std::optional<TimePoint> deadline() const override { return deadline_; }
  std::string name() const override {
    return parent_->name() + ".with_deadline(" + format_duration(deadline_ - Clock::now()) + ")";
  }
  void cancel(bool remove_from_parent, const Error& err, const Error& cause) override {
    cancel_self(err, cause);
    if (remove_from_parent) detach_from_parent();
    std::uint64_t timer = 0;
    {
      std::lock_guard<std::mutex> lk(mu_);
      timer = std::exchange(timer_, 0);
    }
    if (timer != 0) TimerService::instance().stop(timer);  // release the timer
  }

  void arm(const Error& cause) {
    std::weak_ptr<TimerNode> weak = std::static_pointer_cast<TimerNode>(shared_from_this());
    std::lock_guard<std::mutex> lk(mu_);
    if (err_) return;
    timer_ = TimerService::instance().schedule(deadline_, [weak, cause] {
      if (auto self = weak.lock()) self->cancel(true, deadline_exceeded_error(), cause);
    });
  }

 private:
  const TimePoint deadline_;
  std::uint64_t timer_ = 0;  // guarded by mu_
};

class AfterFuncNode final : public CancelNode {
 public:
  AfterFuncNode(std::shared_ptr<Node> parent, std::function<void()> f)
      : CancelNode(std::move(parent)), f_(std::move(f)) {}

  void cancel(bool remove_from_parent, const Error& err, const Error& cause) override {
    cancel_self(err, cause);
    if (remove_from_parent) detach_from_parent();
    if (!once_.exchange(true, std::memory_order_acq_rel)) spawn_labeled(std::move(f_), "ctx::after_func");
  }

  bool stop() {
    if (once_.exchange(true, std::memory_order_acq_rel)) return false;
    f_ = nullptr;
    cancel(true, canceled_error(), Error{});
    return true;
  }

 private:
  std::function<void()> f_;  // owned by whoever wins once_
  std::atomic<bool> once_{false};
};

class ValueNode final : public Node {
 public:
  ValueNode(std::shared_ptr<Node> parent, std::unique_ptr<ValueEntryBase> entry)
      : parent_(std::move(parent)), entry_(std::move(entry)) {}
  std::optional<TimePoint> deadline() const override { return parent_->deadline(); }
  std::shared_ptr<ChanBase> done_chan() const override { return parent_->done_chan(); }
  Error err() const override { return parent_->err(); }
  std::string name() const override {
    return parent_->name() + ".with_value(" + entry_->key_string() + ", " + entry_->value_string() + ")";
  }
  const ValueEntryBase* own_value() const noexcept override { return entry_.get(); }
  const Node* value_parent() const noexcept override { return parent_.get(); }
  CancelNode* nearest_cancel() const noexcept override { return parent_->nearest_cancel(); }

 private:
  std::shared_ptr<Node> parent_;
  std::unique_ptr<ValueEntryBase> entry_;
};

class WithoutCancelNode final : public Node {
 public:
  explicit WithoutCancelNode(std::shared_ptr<Node> parent) : parent_(std::move(parent)) {}
  std::optional<TimePoint> deadline() const override { return std::nullopt; }
  std::shared_ptr<ChanBase> done_chan() const override { return nullptr; }
  Error err() const override { return Error{}; }
  std::string name() const override { return parent_->name() + ".without_cancel"; }
  const Node* value_parent() const noexcept override { return parent_.get(); }
  CancelNode* nearest_cancel() const noexcept override { return nullptr; }

 private:
  std::shared_ptr<Node> parent_;
};

class CustomNode final : public Node {
 public:
  explicit CustomNode(std::shared_ptr<CustomContext> impl)
      : impl_(std::move(impl)), values_(Access::node(impl_->values())) {}
  std::optional<TimePoint> deadline() const override { return impl_->deadline(); }
  std::shared_ptr<ChanBase> done_chan() const override { return Access::done_chan(impl_->done()); }
  Error err() const override { return impl_->err(); }
  std::string name() const override { return impl_->to_string(); }
  const Node* value_parent() const noexcept override { return values_.get(); }
  CancelNode* nearest_cancel() const noexcept override { return values_ ? values_->nearest_cancel() : nullptr; }

 private:
  std::shared_ptr<CustomContext> impl_;
  std::shared_ptr<Node> values_;
};

namespace {
const std::shared_ptr<Node>& require(const Context& c, const char* what) {
  const std::shared_ptr<Node>& n = Access::node(c);
  if (!n) throw_nil(what);
  return n;
}

std::shared_ptr<Node> make_root(const char* name) { return std::make_shared<EmptyNode>(name); }
}  // namespace

const ValueEntryBase* find_value(const Context& c, const std::type_info& key_type, const void* key) {
  for (const Node* n = require(c, "Context::value").get(); n != nullptr; n = n->value_parent()) {
    const ValueEntryBase* e = n->own_value();
    if (e != nullptr && *e->key_type == key_type && e->key_equals(key)) return e;
  }
  return nullptr;
}

Context make_value_context(const Context& parent, std::unique_ptr<ValueEntryBase> entry) {
  return Access::make_context(std::make_shared<ValueNode>(require(parent, "with_value"), std::move(entry)));
}

std::size_t child_count(const Context& c) {
  const CancelNode* p = require(c, "detail::child_count")->nearest_cancel();
  return p != nullptr ? p->child_count() : 0;
}

std::size_t watcher_count() { return g_watchers_live.load(std::memory_order_acquire); }
std::size_t watchers_started() { return g_watchers_started.load(std::memory_order_acquire); }

}  // namespace ctx::detail

namespace ctx {

using detail::Access;

// ---------------------------------------------------------------- Done

bool Done::closed() const { return ch_ && ch_->is_closed(); }

void Done::wait() const {
  detail::CaseDesc d{ch_.get(), detail::CaseKind::recv, nullptr};
  detail::select_impl(&d, 1, nullptr, detail::BlockKind::done_wait);  // forever on a nil channel
}

bool Done::wait_for(Duration d) const {
  const TimePoint deadline = detail::deadline_after(d);
  detail::CaseDesc c{ch_.get(), detail::CaseKind::recv, nullptr};
  return detail::select_impl(&c, 1, &deadline, detail::BlockKind::done_wait) == 0;
}

bool Done::never() const { return ch_ == nullptr; }

// ---------------------------------------------------------------- Context

std::optional<TimePoint> Context::deadline() const { return detail::require(*this, "Context::deadline")->deadline(); }

Done Context::done() const { return Access::make_done(detail::require(*this, "Context::done")->done_chan()); }

Error Context::err() const { return detail::require(*this, "Context::err")->err(); }

std::string Context::to_string() const { return detail::require(*this, "Context::to_string")->name(); }

void CancelFunc::operator()() const {
  if (node_) node_->cancel(remove_from_parent_, detail::canceled_error(), Error{});
}

void CancelCauseFunc::operator()(Error cause) const {
  if (node_) node_->cancel(true, detail::canceled_error(), cause);
}

bool StopFunc::operator()() const { return node_ ? node_->stop() : false; }

Context background() {
  static const std::shared_ptr<detail::Node>* const node =
      new std::shared_ptr<detail::Node>(detail::make_root("ctx.background"));
  return Access::make_context(*node);
}

Context todo() {
  static const std::shared_ptr<detail::Node>* const node =
      new std::shared_ptr<detail::Node>(detail::make_root("ctx.todo"));
  return Access::make_context(*node);
}

std::pair<Context, CancelFunc> with_cancel(const Context& parent) {
  auto node = std::make_shared<detail::CancelNode>(detail::require(parent, "with_cancel"));
  node->propagate(false);
  return {Access::make_context(node), Access::make_cancel(node, true)};
}

std::pair<Context, CancelCauseFunc> with_cancel_cause(const Context& parent) {
  auto node = std::make_shared<detail::CancelNode>(detail::require(parent, "with_cancel_cause"));
  node->propagate(false);
  return {Access::make_context(node), Access::make_cancel_cause(node)};
}

std::pair<Context, CancelFunc> with_deadline(const Context& parent, TimePoint deadline) {
  return with_deadline_cause(parent, deadline, Error{});
}

std::pair<Context, CancelFunc> with_deadline_cause(const Context& parent, TimePoint deadline, Error cause) {
  const std::shared_ptr<detail::Node>& p = detail::require(parent, "with_deadline");
  if (std::optional<TimePoint> cur = p->deadline(); cur && *cur < deadline) {
    return with_cancel(parent);  // the current deadline is already sooner
  }
  auto node = std::make_shared<detail::TimerNode>(p, deadline);
  node->propagate(false);
  if (deadline <= Clock::now()) {
    node->cancel(true, detail::deadline_exceeded_error(), cause);  // already passed
    return {Access::make_context(node), Access::make_cancel(node, false)};
  }
  node->arm(cause);
  return {Access::make_context(node), Access::make_cancel(node, true)};
}

std::pair<Context, CancelFunc> with_timeout(const Context& parent, Duration timeout) {
  return with_deadline_cause(parent, detail::deadline_after(timeout), Error{});
}

std::pair<Context, CancelFunc> with_timeout_cause(const Context& parent, Duration timeout, Error cause) {
  return with_deadline_cause(parent, detail::deadline_after(timeout), std::move(cause));
}

Context without_cancel(const Context& parent) {
  return Access::make_context(
      std::make_shared<detail::WithoutCancelNode>(detail::require(parent, "without_cancel")));
}

Error cause(const Context& c) { return detail::cause_of(*detail::require(c, "cause")); }

StopFunc after_func(const Context& c, std::function<void()> f) {
  auto node = std::make_shared<detail::AfterFuncNode>(detail::require(c, "after_func"), std::move(f));
  node->propagate(true);
  return Access::make_stop(node);
}

Context make_context(std::shared_ptr<CustomContext> impl) {
  if (!impl) throw std::invalid_argument("ctx::make_context: null CustomContext");
  return Access::make_context(std::make_shared<detail::CustomNode>(std::move(impl)));
}

}  // namespace ctx
