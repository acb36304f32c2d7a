#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test, in
# build/, in the aarch64 cross build build-aarch64/ under qemu
# (scripts/cross_aarch64.sh), and in the sanitizer build build-asan/
# (scripts/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
# The aarch64 cross build (build-aarch64/): runtime and kernel tests under
# qemu; its ingot-run serves the aarch64 end-to-end test of the next step.
scripts/cross_aarch64.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
# The same tests again under ASan + UBSan, with the fuzz targets' short runs.
scripts/sanitize.sh
