#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test, in
# build/, in the aarch64 cross build build-aarch64/ under qemu
# (scripts/cross_aarch64.sh), and in the sanitizer build build-asan/
# (scripts/sanitize.sh). Each stage prints its wall time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
timings=()
stage() {  # stage NAME COMMAND...: runs it and records its wall time
  local name=$1 start=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%-34s %5d s' "$name" $((SECONDS - start)))")
}
stage "native build" scripts/build.sh
# The aarch64 cross build (build-aarch64/): runtime and kernel tests under
# qemu; its ingot-run serves the aarch64 end-to-end and zoo tests of the
# next step.
stage "aarch64 cross build + qemu tests" scripts/cross_aarch64.sh
stage "native tests" ctest --test-dir build --output-on-failure -j "$(nproc)"
# The same tests again under ASan + UBSan, with the fuzz targets' short runs.
stage "ASan + UBSan build and tests" scripts/sanitize.sh
printf '%s\n' "${timings[@]}"
