#include "db.h"

// Silent: store() is defined in db.cpp and never throws.
void quiet(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p);
  store(1);
  cancel();
}

void risky(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'save' throws; defer it"
  save(2);                                // note:3 "'save' may throw here, before 'cancel' is called on line 13"
  cancel();
}

void recursive(const ctx::Context &p) {
  auto [c, cancel] = ctx::with_cancel(p); // want:22 "'cancel' is skipped if 'retry_write' throws; defer it"
  retry_write(3, 2);                      // note:3 "'retry_write' may throw here"
  cancel();
}
