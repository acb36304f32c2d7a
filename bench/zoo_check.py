#!/usr/bin/env python3
"""Compile, run and check every model of a zoo made by ../shared/bench/make_zoo.py.

For each NAME.onnx with NAME.in.npy and NAME.out.npy (torch's output) in the
zoo folder: `ingot compile`, `ingot run` on the input, compare with torch's
output (rtol/atol 1e-3 by default), and read the bundle's report.json for the
node count before/after the passes and the memory plan (arena, lower bound,
naive sum). Prints a table, or JSON with --json. Exit 1 when a model fails.

    /usr/bin/python3 bench/zoo_check.py --ingot build/bin/ingot --zoo /tmp/zoo

On ARM under qemu: --aarch64 compiles for --target aarch64 and runs each
program with the aarch64 runtime (build-aarch64/bin/ingot-run of
scripts/cross_aarch64.sh, or --runner) under qemu-aarch64:

    /usr/bin/python3 bench/zoo_check.py --ingot build/bin/ingot --zoo /tmp/zoo --aarch64

CTest runs it on the zoo for --target host natively and for aarch64 under
qemu (tests/CMakeLists.txt), with --min-optimized-share 1 so that a model
losing an optimized kernel fails too. The aarch64 run keeps its outputs
(--keep): the generated aarch64 runtime's test compares its bytes with them
rather than running every model under qemu a second time.
"""
import argparse
import json
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np


def check_model(ingot, onnx_path, work, tolerance, target, run_command, min_optimized_share):
    name = onnx_path.stem
    bundle = work / name
    started = time.monotonic()
    compiled = subprocess.run([ingot, "compile", str(onnx_path), "-o", str(bundle), "--target", target],
                              capture_output=True, text=True)
    compile_s = time.monotonic() - started
    if compiled.returncode != 0:
        return {"model": name, "ok": False, "error": compiled.stderr.strip()}
    report = json.loads((bundle / "report.json").read_text())
    outputs = work / (name + ".out")
    started = time.monotonic()
    ran = subprocess.run([*run_command, str(bundle), "--input", f"{report['inputs'][0]['name']}={onnx_path.with_suffix('.in.npy')}",
                          "--output-dir", str(outputs)], capture_output=True, text=True)
    run_s = time.monotonic() - started
    if ran.returncode != 0:
        return {"model": name, "ok": False, "error": ran.stderr.strip()}
    expected = np.load(onnx_path.with_suffix(".out.npy"))
    produced = np.load(next(outputs.glob("*.npy")))
    max_error = float(np.max(np.abs(produced.astype(np.float64) - expected))) if expected.size else 0.0
    memory = report["memory"]
    return {
        "model": name,
        "ok": model_ok(produced, expected, tolerance, report, min_optimized_share),
        "max_abs_error": max_error,
        "compile_s": round(compile_s, 3),
        "run_s": round(run_s, 3),  # the whole command: load, one run, outputs (under qemu with --aarch64)
        "nodes_imported": report["node_count"]["imported"],
        "nodes_compiled": report["node_count"]["compiled"],
        "arena_bytes": memory["arena_bytes"],
        "lower_bound_bytes": memory["lower_bound_bytes"],
        "naive_bytes": memory["naive_bytes"],
        "arena_over_lower_bound": memory["arena_over_lower_bound"],
        "arena_over_naive": memory["arena_over_naive"],
        "algorithm": memory["algorithm"],
        "optimized_mac_share": report["optimized_mac_share"],
    }


def model_ok(produced, expected, tolerance, report, min_optimized_share):
    return bool(produced.shape == expected.shape and np.allclose(produced, expected, rtol=tolerance, atol=tolerance)
                and report["optimized_mac_share"] >= min_optimized_share)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--zoo", required=True, type=pathlib.Path)
    parser.add_argument("--tolerance", type=float, default=1e-3)
    parser.add_argument("--target", default="portable", help="ingot compile --target (portable, x86-64, host, ...)")
    parser.add_argument("--aarch64", action="store_true",
                        help="compile for --target aarch64 and run with the aarch64 ingot-run under qemu-aarch64")
    parser.add_argument("--runner", default=str(pathlib.Path(__file__).resolve().parent.parent / "build-aarch64/bin/ingot-run"),
                        help="with --aarch64: the aarch64 ingot-run")
    parser.add_argument("--qemu", default="qemu-aarch64 -L /usr/aarch64-linux-gnu", help="with --aarch64: how to run it")
    parser.add_argument("--min-optimized-share", type=float, default=0.0,
                        help="a model also fails when less of its MACs than this (0-1) run on optimized kernels")
    parser.add_argument("--threads", type=int, default=1, help="ingot run --threads")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=pathlib.Path,
                        help="keep the bundles and outputs in this folder (NAME/, NAME.out/) instead of a temporary one")
    args = parser.parse_args()
    run_command = [args.ingot, "run"]
    if args.aarch64:
        if args.target == "portable":
            args.target = "aarch64"
        if not pathlib.Path(args.runner).exists():
            sys.exit(f"{args.runner} does not exist; build it with scripts/cross_aarch64.sh --build-only")
        run_command = [*shlex.split(args.qemu), args.runner]
    run_command += ["--threads", str(args.threads)]
    models = sorted(p for p in args.zoo.glob("*.onnx") if p.with_suffix(".out.npy").exists())
    if not models:
        sys.exit(f"no NAME.onnx with NAME.out.npy in {args.zoo}")
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or pathlib.Path(temporary)
        if args.keep:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
        results = []
        for model in models:
            print(f"checking {model.stem} ...", file=sys.stderr, flush=True)
            results.append(check_model(args.ingot, model, work, args.tolerance, args.target, run_command,
                                         args.min_optimized_share))
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"{'model':22} {'ok':3} {'max err':>9} {'nodes':>9} {'arena MB':>9} {'/lower':>7} {'/naive':>7} {'algorithm':16} {'compile s':>9} {'run s':>7} {'opt MACs':>8}")
        for r in results:
            if "error" in r:
                print(f"{r['model']:22} NO  {r['error']}")
                continue
            print(f"{r['model']:22} {'yes' if r['ok'] else 'NO':3} {r['max_abs_error']:9.2e} "
                  f"{r['nodes_imported']:>4}->{r['nodes_compiled']:<4} {r['arena_bytes'] / 1e6:9.3f} "
                  f"{r['arena_over_lower_bound']:7.3f} {r['arena_over_naive']:7.3f} {r['algorithm']:16} {r['compile_s']:9.2f} {r['run_s']:7.2f} "
                  f"{100 * r['optimized_mac_share']:7.1f}%")
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()
