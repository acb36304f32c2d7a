#!/usr/bin/env bash
# The sanitizer build: build-asan/ with clang-19, AddressSanitizer +
# UndefinedBehaviorSanitizer on everything, and the libFuzzer targets.
# Runs the unit, kernel and end-to-end tests, the hostile-program test, the
# fuzz regressions and a short run of each fuzz target, and a fixed subset of
# the ONNX conformance suite (see tests/CMakeLists.txt: INGOT_CONFORMANCE_FILTER).
#   scripts/sanitize.sh                   configure, build, test
#   scripts/sanitize.sh --configure-only  (used by scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-19 \
    -DINGOT_SANITIZE=ON -DINGOT_FUZZ=ON >/dev/null
fi
[ "${1:-}" = "--configure-only" ] && exit 0
ninja -C build-asan -j "${INGOT_JOBS:-2}"
ctest --test-dir build-asan --output-on-failure -j "${INGOT_JOBS:-2}"
