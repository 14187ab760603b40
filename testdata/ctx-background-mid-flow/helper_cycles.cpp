// Recursive helper chains: whether a helper creates its own root context is
// a fixpoint over its callees, so a function met while its caller is still
// being analysed (a cycle) is not judged too early.
#include <ctx/ctx.hpp>

void consume(const ctx::Context &c);

// Walking `refresh` first, `retry` is reached inside the cycle before
// `refresh` is known to create a root; `retry` creates one through it.
void retry(int attempts);
void refresh(int attempts) {
  if (attempts > 0)
    retry(attempts - 1);
  consume(ctx::background()); // note:11 "'refresh' creates the root context here with 'ctx::background'"
}
void retry(int attempts) { refresh(attempts); }

void handler(const ctx::Context &c) {
  refresh(2); // want:3 "'refresh' creates its own root context; pass 'c' to it"
  retry(2);   // want:3 "'retry' creates its own root context through 'refresh'; pass 'c' to it" note@-6:11 "'refresh' creates the root context here"
}

// A longer chain through a cycle.
void stepA(int n);
void stepB(int n) {
  if (n > 0)
    stepA(n - 1);
}
void stepC(int n) { consume(ctx::todo()); } // note:29 "'stepC' creates the root context here with 'ctx::todo'"
void stepA(int n) {
  stepB(n);
  stepC(n);
}

void chain(const ctx::Context &c) {
  stepB(3); // want:3 "'stepB' creates its own root context through 'stepA' -> 'stepC'; pass 'c' to it"
}

// Not flagged: a cycle that never reaches a root.
void even(int n);
void odd(int n) {
  if (n > 0)
    even(n - 1);
}
void even(int n) {
  if (n > 0)
    odd(n - 1);
}
void quiet(const ctx::Context &c) { odd(5); }
