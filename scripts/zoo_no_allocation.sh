#!/usr/bin/env bash
# Checks that Executor::run() allocates nothing on every model of the zoo
# (../shared/bench/make_zoo.py writes it; default folder /tmp/zoo). Not part
# of CI: the zoo is generated outside the repository.
#   scripts/zoo_no_allocation.sh [ZOO_DIR] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
zoo=${1:-/tmp/zoo} build=${2:-build}
models=$(ls "$zoo"/*.onnx | tr '\n' ':')
[ -n "$models" ] || { echo "no .onnx in $zoo" >&2; exit 1; }
ninja -C "$build" -j "${INGOT_JOBS:-2}" ingot_no_allocation_test
INGOT_NO_ALLOCATION_MODELS=$models "$build/bin/ingot_no_allocation_test" --gtest_filter='*ExtraModels*'
