// ctx::Error: a Go-style error value.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ctx/roles.hpp"

namespace ctx {

namespace detail {
struct ErrorRep;
}  // namespace detail

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

  // The error(s) this one wraps (Go's Unwrap() error / Unwrap() []error):
  // the inner error of wrap(), the errors of join(); empty for an error made
  // by make() and for no error.
  std::vector<Error> unwrap() const;

 private:
  friend Error wrap(const Error& inner, std::string message);
  friend Error join(std::vector<Error> errs);
  friend bool is(const Error& err, const Error& target);
  explicit Error(std::shared_ptr<const detail::ErrorRep> rep) noexcept : rep_(std::move(rep)) {}

  std::shared_ptr<const detail::ErrorRep> rep_;
};

// fmt.Errorf("message: %w", inner): a new error whose message is
// message + ": " + inner.message() and which unwraps to inner. As in Go,
// wrapping no error still gives an error, "message: %!w(<nil>)", that unwraps
// to nothing (write `err ? wrap(err, m) : Error{}` to keep a nil).
Error wrap(const Error& inner, std::string message);

// errors.Join: an error wrapping the given errors, empty ones skipped; no
// error when none is left. Its message is theirs, joined by '\n'.
Error join(std::vector<Error> errs);

// errors.Is: whether err or any error it wraps (through wrap() and join(),
// depth first) is target, by identity. Two empty errors match (is(nil, nil)),
// an empty one matches nothing else.
bool is(const Error& err, const Error& target);

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
