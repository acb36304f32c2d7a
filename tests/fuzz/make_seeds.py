#!/usr/bin/python3
"""Makes the seed corpora of the fuzz targets (tests/fuzz/) in OUT/<target>/:

  onnx_import   testdata/*.onnx and every model.onnx of Debian's
                libonnx-testdata under --max-bytes (one file each)
  program_load  those models compiled by `ingot compile` (model.ingot),
                every --program-stride-th one, for the ones that compile
                with an arena and MACs of at most 2^20

Seeds are made at build or fuzz time, never committed. A folder that already
holds seeds is left alone (delete it to remake).
"""

import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ONNX_DATA = "/usr/share/libonnx-testdata/data"


def onnx_models(max_bytes):
    models = sorted(glob.glob(os.path.join(ROOT, "testdata", "*.onnx")))
    models += sorted(glob.glob(os.path.join(ONNX_DATA, "*", "*", "model.onnx")))
    return [m for m in models if os.path.getsize(m) <= max_bytes]


def seed_name(model):
    """testdata/tiny_cnn.onnx -> tiny_cnn; .../node/test_abs/model.onnx -> node_test_abs."""
    if os.path.basename(model) == "model.onnx":
        return "%s_%s" % (os.path.basename(os.path.dirname(os.path.dirname(model))), os.path.basename(os.path.dirname(model)))
    return os.path.splitext(os.path.basename(model))[0]


# Larger programs compute too long per run to fuzz well.
MAX_ARENA = 1 << 20
MAX_MACS = 1 << 20


def small_enough(report_path):
    with open(report_path) as f:
        report = json.load(f)
    return report["sizes"]["arena_bytes"] <= MAX_ARENA and report.get("macs", 0) <= MAX_MACS


def compile_one(ingot, model, out_dir):
    work = tempfile.mkdtemp(prefix="ingot-seed-")
    try:
        run = subprocess.run([ingot, "compile", model, "-o", os.path.join(work, "b")], capture_output=True, timeout=300)
        if run.returncode == 0 and small_enough(os.path.join(work, "b", "report.json")):
            shutil.copy(os.path.join(work, "b", "model.ingot"), os.path.join(out_dir, seed_name(model) + ".ingot"))
            return True
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True, help="the ingot binary, to compile program seeds")
    parser.add_argument("--out", required=True, help="seed folder; targets get OUT/<target>/")
    parser.add_argument("--max-bytes", type=int, default=64 * 1024, help="largest model used as a seed")
    parser.add_argument("--program-stride", type=int, default=8, help="compile every N-th model for program seeds")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    models = onnx_models(args.max_bytes)

    onnx_dir = os.path.join(args.out, "onnx_import")
    if not os.path.isdir(onnx_dir) or not os.listdir(onnx_dir):
        os.makedirs(onnx_dir, exist_ok=True)
        for model in models:
            shutil.copy(model, os.path.join(onnx_dir, seed_name(model) + ".onnx"))
    print("onnx_import: %d seeds in %s" % (len(os.listdir(onnx_dir)), onnx_dir))

    program_dir = os.path.join(args.out, "program_load")
    if not os.path.isdir(program_dir) or not os.listdir(program_dir):
        os.makedirs(program_dir, exist_ok=True)
        chosen = [m for i, m in enumerate(models) if i % args.program_stride == 0 or m.startswith(os.path.join(ROOT, "testdata"))]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            list(pool.map(lambda m: compile_one(os.path.abspath(args.ingot), m, program_dir), chosen))
    count = len(os.listdir(program_dir))
    print("program_load: %d seeds in %s" % (count, program_dir))
    return 0 if count > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
