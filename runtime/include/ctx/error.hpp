// ctx::Error: a Go-style error value.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "ctx/roles.hpp"

namespace ctx {

// A Go-style error value. Default-constructed = no error (Go's nil).
// Copyable and cheap to copy; two Errors compare equal when they are the same
// error (identity, like Go's == on error values made by errors.New): two
// separate Error::make("x") calls give two different errors.
class Error {
 public:
  Error() noexcept = default;

  // errors.New(message)
  static Error make(std::string message);

  // true when an error is present
  explicit operator bool() const noexcept { return rep_ != nullptr; }

  // the message, "" when there is no error
  const std::string& message() const noexcept;

  friend bool operator==(const Error& a, const Error& b) noexcept { return a.rep_ == b.rep_; }

 private:
  std::shared_ptr<const std::string> rep_;
};

// Prints the message, or "<nil>" when there is no error (as fmt.Print does).
std::ostream& operator<<(std::ostream& os, const Error& e);

extern const Error canceled;           // message: "context canceled"
extern const Error deadline_exceeded;  // message: "context deadline exceeded"

namespace detail {
// The same two errors, safe to use during static initialisation.
const Error& canceled_error() noexcept;
const Error& deadline_exceeded_error() noexcept;
}  // namespace detail

}  // namespace ctx
