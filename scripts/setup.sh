#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian bookworm machine (run as root, or with sudo available).
# Installs the pinned toolchain (LLVM/Clang 22 from Debian) and the libraries the build needs,
# skipping everything that is already installed.
set -euo pipefail

PACKAGES=(
  clang-22 clang-tidy-22 clangd-22 libclang-22-dev llvm-22-dev libclang-rt-22-dev lld-22
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc pkgconf
  nlohmann-json3-dev libgtest-dev libgmock-dev cmake ninja-build
  nodejs npm git python3
  # The .deb: CPack runs dpkg-shlibdeps (dpkg-dev) on the ELF files it finds with file(1).
  dpkg-dev file
  # Third-party headers of the driver's precision guard (testdata/thirdparty/).
  libabsl-dev libboost-dev libtbb-dev libleveldb-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from another source (e.g. NodeSource); accept any working binaries.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all pinned packages present"
fi

for tool in clang++-22 clang-tidy-22 cmake ninja protoc grpc_cpp_plugin pkg-config; do
  command -v "$tool" >/dev/null || { echo "setup: $tool missing after install" >&2; exit 2; }
done

# The SARIF multitool the driver's tests validate with (tools/package-lock.json).
TOOLS_DIR="$(cd "$(dirname "$0")/.." && pwd)/tools"
if [ ! -d "$TOOLS_DIR/node_modules" ]; then
  echo "setup: installing the SARIF multitool into tools/"
  npm ci --prefix "$TOOLS_DIR" --no-audit --no-fund >/dev/null
fi
