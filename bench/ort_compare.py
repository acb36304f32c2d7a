#!/usr/bin/env python3
"""ingot against ONNX Runtime on the zoo, alternating in one run.

For each model of a zoo made by ../shared/bench/make_zoo.py: compile it with
`ingot compile --target TARGET`, then for several rounds run `ingot run
--repeat N --json` and ONNX Runtime's runner (../shared/bench/ort_bench.js,
ONNX Runtime 1.30 from npm) one after the other, and print the median of the
per-round latency ratios ingot / ORT (below 1: ingot is faster) with the
spread, for each thread count of --threads (both run on the same count).

    NM=$(../shared/bench/setup-ort.sh)
    /usr/bin/python3 bench/ort_compare.py --ingot build/bin/ingot --zoo /tmp/zoo --ort-modules $NM

With --baseline OTHER_INGOT (the build before a change), that build runs
too, in the same rounds (baseline, ingot, ORT), and its ratio is printed
next to ingot's: before and after under the same load.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

SHARED_BENCH = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench"


def ingot_ms(ingot, bundle, input_name, input_npy, repeat, threads):
    run = subprocess.run([ingot, "run", str(bundle), "--input", f"{input_name}={input_npy}", "--repeat", str(repeat),
                          "--warmup", "3", "--threads", str(threads), "--json"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["median_ms"]


def ort_ms(modules, model, threads, min_time, zoo_model=None):
    """ORT's median latency on MODEL; zoo_model: the zoo model whose input and reference it takes (default MODEL)."""
    env = dict(os.environ, NODE_PATH=modules)
    base = pathlib.Path(zoo_model or model).with_suffix("")
    run = subprocess.run(["node", str(SHARED_BENCH / "ort_bench.js"), str(model), "--threads", str(threads), "--json",
                          "--min-time", str(min_time), "--input", f"{base}.in.npy", "--ref", f"{base}.out.npy"],
                         capture_output=True, text=True, check=True, env=env)
    line = next(line for line in run.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)["median_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--zoo", required=True, type=pathlib.Path)
    parser.add_argument("--ort-modules", required=True, help="the node_modules folder setup-ort.sh printed")
    parser.add_argument("--target", default="host")
    parser.add_argument("--models", default="mobilenet_v2,resnet18,squeezenet1_1,shufflenet_v2_x1_0,efficientnet_b0,transformer_enc")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--threads", default="1,2", help="thread counts, comma-separated")
    parser.add_argument("--baseline", help="another ingot binary (before a change) to run in the same rounds")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name in args.models.split(","):
            model = args.zoo / f"{name}.onnx"
            bundle = pathlib.Path(work) / name
            subprocess.run([args.ingot, "compile", str(model), "-o", str(bundle), "--target", args.target],
                           capture_output=True, check=True)
            report = json.loads((bundle / "report.json").read_text())
            base_bundle = pathlib.Path(work) / (name + "_baseline")
            if args.baseline:
                subprocess.run([args.baseline, "compile", str(model), "-o", str(base_bundle), "--target", args.target],
                               capture_output=True, check=True)
            input_name = report["inputs"][0]["name"]
            for threads in [int(t) for t in args.threads.split(",")]:
                ratios, ingot_all, ort_all, base_ratios = [], [], [], []
                for round_index in range(args.rounds):
                    print(f"{name}, {threads} thread(s): round {round_index + 1} of {args.rounds}", file=sys.stderr, flush=True)
                    base = None
                    if args.baseline:
                        base = ingot_ms(args.baseline, base_bundle, input_name, model.with_suffix(".in.npy"), args.repeat, threads)
                    a = ingot_ms(args.ingot, bundle, input_name, model.with_suffix(".in.npy"), args.repeat, threads)
                    b = ort_ms(args.ort_modules, model, threads, 1)
                    if base is not None:
                        base_ratios.append(base / b)
                    ingot_all.append(a)
                    ort_all.append(b)
                    ratios.append(a / b)
                rows.append((name, threads, statistics.median(ingot_all), statistics.median(ort_all),
                             statistics.median(ratios), min(ratios), max(ratios), report["optimized_mac_share"],
                             statistics.median(base_ratios) if base_ratios else None))
    base_head = f" {'baseline/ORT':>12}" if args.baseline else ""
    print(f"{'model':20} {'threads':>7} {'ingot ms':>9} {'ORT ms':>9} {'ingot/ORT':>9} {'spread':>13} {'opt MACs':>8}{base_head}")
    for name, threads, a, b, ratio, low, high, share, base in rows:
        base_text = f" {base:12.2f}" if base is not None else ""
        print(f"{name:20} {threads:7d} {a:9.2f} {b:9.2f} {ratio:9.2f} {low:6.2f}-{high:<6.2f} {100 * share:7.1f}%{base_text}")


if __name__ == "__main__":
    main()
