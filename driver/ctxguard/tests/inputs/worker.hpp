// Included by two translation units: its finding must be reported once.
#pragma once
#include <ctx/ctx.hpp>

struct Worker {
  ctx::Context ctx; // ctx-stored-in-struct
  int id = 0;
};
