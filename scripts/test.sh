#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test, in
# build/ and then in the sanitizer build build-asan/ (scripts/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
# The same tests again under ASan + UBSan, with the fuzz targets' short runs.
scripts/sanitize.sh
