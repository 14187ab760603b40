#include <ostream>
#include <string>
#include <utility>

#include "ctx/error.hpp"

namespace ctx {

namespace {
const std::string& empty_message() noexcept {
  static const std::string* const empty = new std::string();
  return *empty;
}
}  // namespace

Error Error::make(std::string message) {
  Error e;
  e.rep_ = std::make_shared<const std::string>(std::move(message));
  return e;
}

const std::string& Error::message() const noexcept { return rep_ ? *rep_ : empty_message(); }

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
