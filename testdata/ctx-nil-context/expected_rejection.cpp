// The documented way to pass a nil context on purpose: code that expects the
// runtime to reject it, i.e. a call in the try block of a try statement that
// handles std::invalid_argument (what the runtime throws), as GoogleTest's
// EXPECT_THROW(..., std::invalid_argument) expands to. Other handlers do not
// count.
#include <ctx/ctx.hpp>

#include <exception>
#include <stdexcept>

void use(const ctx::Context &c) {}

bool rejects_nil() {
  try {
    use(ctx::Context{});
  } catch (const std::invalid_argument &) {
    return true;
  }
  return false;
}

bool rejects_nil_local() {
  const ctx::Context nil;
  try {
    (void)ctx::with_cancel(nil);
  } catch (std::invalid_argument &e) {
    return true;
  } catch (...) {
  }
  return false;
}

void handles_anything() {
  try {
    use(ctx::Context{}); // want:9 "do not pass a nil ctx::Context to 'use'" note:9 "background"
  } catch (const std::exception &) {
  } catch (...) {
  }
}

void in_the_handler() {
  try {
    use(ctx::todo());
  } catch (const std::invalid_argument &) {
    use(ctx::Context{}); // want:9 "do not pass a nil ctx::Context to 'use'" note:9 "background"
  }
}
