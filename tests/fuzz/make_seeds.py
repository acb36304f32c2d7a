#!/usr/bin/python3
"""Makes the seed corpora of the fuzz targets (tests/fuzz/) in OUT/<target>/:

  onnx_import   testdata/*.onnx and every model.onnx of Debian's
                libonnx-testdata under --max-bytes (one file each)
  program_load  those models compiled by `ingot compile` (model.ingot),
                every --program-stride-th one, for the ones that compile
                with an arena and MACs of at most 2^20
  pt2_archive   testdata/pt2/*.pt2 under --max-pt2-bytes
  pt2_program   the serialized programs (JSON) inside every testdata .pt2
  pt2_pickle    the data.pkl of every torch.save archive inside them

Seeds are made at build or fuzz time, never committed. A folder that already
holds seeds is left alone (delete it to remake).
"""

import argparse
import concurrent.futures
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

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


def pt2_archives():
    return sorted(glob.glob(os.path.join(ROOT, "testdata", "pt2", "*.pt2")))


def pt2_entries(archive):
    """(name, bytes) of every entry of a .pt2, and of the torch.save zips inside it."""
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            data = z.read(name)
            yield name, data
            if data[:4] == b"PK\x03\x04":
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for inner_name in inner.namelist():
                        yield name + "/" + inner_name, inner.read(inner_name)


def fill_pt2_seeds(out, max_bytes):
    """The three .pt2 corpora; each folder is left alone when it already holds seeds."""
    dirs = {target: os.path.join(out, target) for target in ("pt2_archive", "pt2_program", "pt2_pickle")}
    todo = {target: d for target, d in dirs.items() if not os.path.isdir(d) or not os.listdir(d)}
    for d in todo.values():
        os.makedirs(d, exist_ok=True)
    for archive in pt2_archives() if todo else []:
        stem = os.path.splitext(os.path.basename(archive))[0]
        if "pt2_archive" in todo and os.path.getsize(archive) <= max_bytes:
            shutil.copy(archive, os.path.join(todo["pt2_archive"], stem + ".pt2"))
        for i, (name, data) in enumerate(pt2_entries(archive)):
            if "pt2_program" in todo and name.endswith(".json") and data.lstrip()[:1] == b"{":
                with open(os.path.join(todo["pt2_program"], "%s_%d.json" % (stem, i)), "wb") as f:
                    f.write(data)
            if "pt2_pickle" in todo and name.endswith("data.pkl"):
                with open(os.path.join(todo["pt2_pickle"], "%s_%d.pkl" % (stem, i)), "wb") as f:
                    f.write(data)
    for target, d in dirs.items():
        print("%s: %d seeds in %s" % (target, len(os.listdir(d)), d))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True, help="the ingot binary, to compile program seeds")
    parser.add_argument("--out", required=True, help="seed folder; targets get OUT/<target>/")
    parser.add_argument("--max-bytes", type=int, default=64 * 1024, help="largest model used as a seed")
    parser.add_argument("--max-pt2-bytes", type=int, default=160 * 1024, help="largest .pt2 used as a seed")
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
    fill_pt2_seeds(args.out, args.max_pt2_bytes)
    count = len(os.listdir(program_dir))
    print("program_load: %d seeds in %s" % (count, program_dir))
    return 0 if count > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
