#!/usr/bin/env bash
# Runs one fuzz target for longer than CI does:
#   scripts/fuzz.sh TARGET SECONDS
# TARGET: onnx_import, program_load, pt2_archive, pt2_program (the JSON of a
# .pt2), pt2_pickle (the unpickler of its torch.save archives).
# Builds it in build-asan/ (clang-19, ASan + UBSan + libFuzzer; see
# scripts/sanitize.sh), makes the seed corpora if missing, and grows the
# corpus in build-asan/fuzz/TARGET/corpus across runs. A crash stops the run
# and leaves its input in build-asan/fuzz/TARGET/artifacts/: fix the bug,
# then copy the input into tests/fuzz/regressions/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS" >&2
  exit 1
fi
target=$1 seconds=$2
scripts/sanitize.sh --configure-only
ninja -C build-asan -j "${INGOT_JOBS:-2}" "${target}_fuzzer" ingot
/usr/bin/python3 tests/fuzz/make_seeds.py --ingot build-asan/bin/ingot --out build-asan/fuzz/seeds
exec tests/fuzz/run_fuzzer.sh "build-asan/bin/${target}_fuzzer" "$seconds" "build-asan/fuzz/$target" \
  "build-asan/fuzz/seeds/$target" "tests/fuzz/regressions/$target"
