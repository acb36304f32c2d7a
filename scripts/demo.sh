#!/usr/bin/env bash
# The main job on the model shipped in testdata/: build ingot and inspect it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
model=testdata/tiny_cnn.onnx
echo "\$ build/bin/ingot inspect $model"
build/bin/ingot inspect "$model"
echo
echo "\$ build/bin/ingot inspect --ir $model"
build/bin/ingot inspect --ir "$model"
