#include "db.h"

void again(int v, int attempts) {
  if (attempts == 1)
    save(v);
  retry_write(v, attempts);
}
