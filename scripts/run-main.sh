#!/usr/bin/env bash
# The README's main command: set up, build the analyzer, analyze the bundled
# examples/ project, print the findings and write ctxguard.sarif; then the
# same for examples/profiles/ (std::jthread and gRPC code, analyzed through
# the library profiles) into ctxguard-profiles.sarif.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

JOBS=${JOBS:-$(nproc)}
BUILD=${BUILD:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 -DCMAKE_BUILD_TYPE=Release \
  -DCTXGUARD_BUILD_TESTS=OFF -DCTXGUARD_BUILD_CLANGD=OFF
cmake --build "$BUILD" -j "$JOBS" --target ctxguard
cmake -S examples -B "$BUILD/examples" -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -Dctx_DIR="$PWD/$BUILD/runtime"
# The second project: its gRPC stubs are generated at build time, and the
# analysis needs only their headers.
cmake -S examples/profiles -B "$BUILD/examples-profiles" -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
cmake --build "$BUILD/examples-profiles" --target inventory-stubs
# Exit code 1 means findings (the examples contain deliberate mistakes).
set +e
"$BUILD/bin/ctxguard" -p "$BUILD/examples" --sarif ctxguard.sarif
rc=$?
echo "ctxguard exit code $rc (0 clean, 1 findings, 2 tool error); SARIF written to ctxguard.sarif"
"$BUILD/bin/ctxguard" -p "$BUILD/examples-profiles" --sarif ctxguard-profiles.sarif
rc_profiles=$?
set -e
echo "ctxguard exit code $rc_profiles on examples/profiles; SARIF written to ctxguard-profiles.sarif"
[ "$rc" -le 1 ] && [ "$rc_profiles" -le 1 ]
