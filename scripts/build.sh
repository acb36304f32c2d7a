#!/usr/bin/env bash
# Installs dependencies and builds ingot into build/ (the CLI: build/bin/ingot).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build
