#!/usr/bin/env bash
# The main job on the model shipped in testdata/: build ingot, compile the
# model, run it, show its outputs and report, then write the trimmed aarch64
# runtime for it with its size report and check the program against it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
model=testdata/tiny_cnn.onnx
bundle=build/demo/tiny_cnn
show() { echo "\$ $*"; "$@"; echo; }
mkdir -p build/demo
show build/bin/ingot inspect "$model"
show build/bin/ingot compile "$model" -o "$bundle"
show build/bin/ingot run "$bundle" --input image=testdata/tiny_cnn.input.npy --output-dir build/demo/out --repeat 20 --warmup 3 --profile 5
echo "\$ outputs (build/demo/out/probabilities.npy) next to the numpy reference (testdata/tiny_cnn.expected.npy)"
/usr/bin/python3 -c "
import numpy as np
out = np.load('build/demo/out/probabilities.npy'); ref = np.load('testdata/tiny_cnn.expected.npy')
np.set_printoptions(precision=5, suppress=True)
print('ingot    ', out[0]); print('reference', ref[0]); print('max abs difference %.2e' % np.abs(out - ref).max())"
echo
echo "\$ head -40 $bundle/report.json"
head -40 "$bundle/report.json"
echo
echo "# The runtime an app would ship for this model on aarch64: exactly its kernels, and their bytes"
show build/bin/ingot ops "$model" --target aarch64 -o build/demo/ops.yaml
show build/bin/ingot runtime --ops build/demo/ops.yaml -o build/demo/runtime --size-report
show build/bin/ingot compile "$model" -o build/demo/tiny_cnn_aarch64 --target aarch64
show build/bin/ingot check build/demo/tiny_cnn_aarch64 --runtime build/demo/runtime/manifest.txt
