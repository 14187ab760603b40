#!/usr/bin/env bash
# The README's test command: set up a fresh Debian machine, build everything,
# run every test suite with CTest, then the runtime's tests again under
# ThreadSanitizer and AddressSanitizer in their own build trees.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

JOBS=${JOBS:-$(nproc)}
CXX_COMPILER=${CXX_COMPILER:-clang++-22}

# Every part and its tests, explicitly: run-main.sh configures the same tree
# with the tests and ctxguard-clangd switched off.
cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER="$CXX_COMPILER" -DCMAKE_BUILD_TYPE=Release \
  -DCTXGUARD_BUILD_TESTS=ON -DCTXGUARD_BUILD_CHECKS=ON -DCTXGUARD_BUILD_DRIVER=ON -DCTXGUARD_BUILD_CLANGD=ON
cmake --build build -j "$JOBS"

for san in thread address; do
  cmake -S runtime -B "build-$san" -G Ninja -DCMAKE_CXX_COMPILER="$CXX_COMPILER" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCTX_SANITIZE="$san" -DCTX_BUILD_TESTS=ON
  cmake --build "build-$san" -j "$JOBS"
done

passed=0 failed=0 status=0
run_ctest() {
  local dir=$1 log
  log=$(mktemp)
  echo "== ctest in $dir"
  ctest --test-dir "$dir" --output-on-failure -j "$JOBS" >"$log" 2>&1 || status=1
  cat "$log"
  local line total bad
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n1 || true)
  if [ -z "$line" ]; then echo "no ctest summary in $dir" >&2; status=1; rm -f "$log"; return; fi
  bad=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - bad)); failed=$((failed + bad))
  rm -f "$log"
}
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
run_ctest build
run_ctest build-thread
run_ctest build-address

echo
echo "all suites: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$status" = 0 ]
