#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ctx/error.hpp"

namespace ctx {

namespace detail {
// An error: its message and the errors it wraps (none for errors.New).
struct ErrorRep {
  std::string message;
  std::vector<Error> wrapped;
};
}  // namespace detail

namespace {
const std::string& empty_message() noexcept {
  static const std::string* const empty = new std::string();
  return *empty;
}
}  // namespace

Error Error::make(std::string message) {
  return Error(std::make_shared<const detail::ErrorRep>(detail::ErrorRep{std::move(message), {}}));
}

const std::string& Error::message() const noexcept { return rep_ ? rep_->message : empty_message(); }

std::vector<Error> Error::unwrap() const { return rep_ ? rep_->wrapped : std::vector<Error>{}; }

Error wrap(const Error& inner, std::string message) {
  message += ": ";
  if (!inner) return Error::make(std::move(message) + "%!w(<nil>)");
  message += inner.message();
  return Error(std::make_shared<const detail::ErrorRep>(detail::ErrorRep{std::move(message), {inner}}));
}

Error join(std::vector<Error> errs) {
  errs.erase(std::remove_if(errs.begin(), errs.end(), [](const Error& e) { return !e; }), errs.end());
  if (errs.empty()) return Error{};
  std::string message;
  for (const Error& e : errs) {
    if (&e != &errs.front()) message += '\n';
    message += e.message();
  }
  return Error(std::make_shared<const detail::ErrorRep>(detail::ErrorRep{std::move(message), std::move(errs)}));
}

bool is(const Error& err, const Error& target) {
  if (!err || !target) return err == target;
  // Depth first, in order, without recursion (wrap chains may be long).
  std::vector<const detail::ErrorRep*> pending{err.rep_.get()};
  while (!pending.empty()) {
    const detail::ErrorRep* rep = pending.back();
    pending.pop_back();
    if (rep == target.rep_.get()) return true;
    for (auto it = rep->wrapped.rbegin(); it != rep->wrapped.rend(); ++it) pending.push_back(it->rep_.get());
  }
  return false;
}

std::ostream& operator<<(std::ostream& os, const Error& e) {
  return os << (e ? e.message() : std::string("<nil>"));
}

namespace detail {
const Error& canceled_error() noexcept {
  static const Error* const e = new Error(Error::make("context canceled"));
  return *e;
}
const Error& deadline_exceeded_error() noexcept {
  static const Error* const e = new Error(Error::make("context deadline exceeded"));
  return *e;
}
}  // namespace detail

// Initialised before ordinary dynamic initialisers of other translation units
// where the compiler supports it, so that globals may use them.
#if defined(__GNUC__)
#define CTX_EARLY_INIT __attribute__((init_priority(101)))
#else
#define CTX_EARLY_INIT
#endif
CTX_EARLY_INIT const Error canceled = detail::canceled_error();
CTX_EARLY_INIT const Error deadline_exceeded = detail::deadline_exceeded_error();

}  // namespace ctx
