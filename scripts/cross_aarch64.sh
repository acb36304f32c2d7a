#!/usr/bin/env bash
# The aarch64 cross build: the runtime, its kernels (NEON variants included),
# their tests and ingot-run, built with g++-aarch64-linux-gnu into
# build-aarch64/ (INGOT_RUNTIME_ONLY: no compiler). The tests run under
# qemu-aarch64. The end-to-end test on ARM (tests/e2e/aarch64_e2e.py, run by
# the native build's ctest) uses build-aarch64/bin/ingot-run.
#   scripts/cross_aarch64.sh              configure, build, run the tests under qemu
#   scripts/cross_aarch64.sh --build-only configure and build
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ ! -f build-aarch64/build.ninja ]; then
  # -O2 as the native build (GCC 12 for aarch64 crashes vectorizing a portable
  # kernel at -O3), no debug info.
  cmake -S . -B build-aarch64 -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.toolchain.cmake -DINGOT_RUNTIME_ONLY=ON >/dev/null
fi
ninja -C build-aarch64 -j "${INGOT_JOBS:-2}"
[ "${1:-}" = "--build-only" ] && exit 0
ctest --test-dir build-aarch64 --output-on-failure -j "${INGOT_JOBS:-2}"
