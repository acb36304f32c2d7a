#!/usr/bin/env bash
# The sanitizer build: build-asan/ with clang-19, AddressSanitizer +
# UndefinedBehaviorSanitizer on everything, and the libFuzzer targets.
# Runs the unit, kernel and end-to-end tests, the hostile-program test, the
# fuzz regressions and a short run of each fuzz target, and every third test
# of the ONNX conformance suite and import walk (the whole of each takes
# 2-3 minutes under ASan on 2 cores, the largest part of the stage; the
# native build runs all of them, and every op has several tests).
#   scripts/sanitize.sh                   configure, build, test
#   scripts/sanitize.sh --configure-only  (used by scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ ! -f build-asan/build.ninja ]; then
  # -O1 and line tables only: the usual sanitizer flags, and a much quicker
  # build than -O2 -g (CI builds this tree next to build/).
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" \
    -DCMAKE_CXX_COMPILER=clang++-19 -DINGOT_SANITIZE=ON -DINGOT_FUZZ=ON -DINGOT_CONFORMANCE_SAMPLE=3 >/dev/null
fi
[ "${1:-}" = "--configure-only" ] && exit 0
ninja -C build-asan -j "${INGOT_JOBS:-2}"
# UBSan reports with the stack that led there.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
ctest --test-dir build-asan --output-on-failure -j "${INGOT_JOBS:-2}"
