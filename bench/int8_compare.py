#!/usr/bin/env python3
"""ingot int8 against ingot fp32 and ONNX Runtime int8 on the zoo, alternating in one run.

For each model of a zoo made by ../shared/bench/make_zoo.py:
  1. draws --samples calibration inputs from the distribution of the zoo's
     test input (standard normal, another seed), as a stack;
  2. quantizes it twice on those samples: `ingot compile --quantize int8`,
     and ONNX Runtime 1.21's quantize_static (bench/ort_quantize.py, run in
     the Debian trixie root of ../shared/peers/trixie-chroot.sh: per-channel
     QDQ, u8 activations, i8 weights, min-max); with --dynamic, `--quantize
     int8-dynamic` and ORT's quantize_dynamic instead, no samples;
  3. for several rounds runs, one after the other, ingot fp32, ingot int8,
     ONNX Runtime fp32 and ONNX Runtime int8 (the QDQ model; ONNX Runtime 1.30
     from npm, the runner of ort_compare.py) and prints the medians, the
     ratios, each int8 output's SQNR against the torch reference, and the
     program size int8 / fp32.

With --baseline OTHER_INGOT, that binary's int8 program (compiled by it on
the same samples) runs in the same rounds too ("base i8"): a before/after
of a change on this noisy machine. --int8-flags passes more flags to
`ingot compile --quantize int8` (e.g. "--weight-bits 7"; not to the baseline).

    NM=$(../shared/bench/setup-ort.sh)
    /usr/bin/python3 bench/int8_compare.py --ingot build/bin/ingot --zoo /tmp/zoo --ort-modules $NM --trixie /opt/trixie
"""
import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from ort_compare import ingot_ms, ort_ms  # noqa: E402  (the same runners as the fp32 comparison)


def sqnr_db(reference, value):
    noise = np.sum((reference.astype(np.float64) - value) ** 2)
    return float("inf") if noise == 0 else 10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / noise)


def ort_quantize(trixie, model, calibration, out):
    """Quantizes MODEL with ONNX Runtime inside the trixie root (dynamically when
    calibration is None); returns the quantized model's path."""
    inside = pathlib.Path("/tmp/ingot-int8")
    staging = trixie / inside.relative_to("/")
    staging.mkdir(parents=True, exist_ok=True)
    shutil.copy(pathlib.Path(__file__).with_name("ort_quantize.py"), staging / "ort_quantize.py")
    shutil.copy(model, staging / "model.onnx")
    command = ["chroot", str(trixie), "python3", str(inside / "ort_quantize.py"), str(inside / "model.onnx"),
               str(inside / "model.qdq.onnx")]
    if calibration is not None:
        shutil.copy(calibration, staging / "calibration.npy")
        command += ["--calibration", str(inside / "calibration.npy")]
    subprocess.run(command, capture_output=True, text=True, check=True)
    shutil.copy(staging / "model.qdq.onnx", out)
    return out


def ingot_output(ingot, bundle, input_name, input_npy, work):
    out_dir = work / (bundle.name + "_out")
    subprocess.run([ingot, "run", str(bundle), "--input", f"{input_name}={input_npy}", "--output-dir", str(out_dir)],
                   capture_output=True, check=True)
    return np.load(next(out_dir.glob("*.npy")))


def ort_output(trixie, model, input_name, input_npy):
    """The QDQ model's output on the test input, by ONNX Runtime 1.21 in the trixie root."""
    inside = pathlib.Path("/tmp/ingot-int8")
    staging = trixie / inside.relative_to("/")
    shutil.copy(model, staging / "run.onnx")
    shutil.copy(input_npy, staging / "input.npy")
    script = ("import numpy as np, onnxruntime as ort; s = ort.InferenceSession('/tmp/ingot-int8/run.onnx'); "
              f"np.save('/tmp/ingot-int8/output.npy', s.run(None, {{'{input_name}': np.load('/tmp/ingot-int8/input.npy')}})[0])")
    subprocess.run(["chroot", str(trixie), "python3", "-c", script], capture_output=True, check=True)
    return np.load(staging / "output.npy")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--zoo", required=True, type=pathlib.Path)
    parser.add_argument("--ort-modules", required=True, help="the node_modules folder setup-ort.sh printed")
    parser.add_argument("--trixie", required=True, type=pathlib.Path, help="the root of ../shared/peers/trixie-chroot.sh")
    parser.add_argument("--target", default="host")
    parser.add_argument("--models", help="default: the zoo CNNs, or transformer_enc with --dynamic")
    parser.add_argument("--dynamic", action="store_true",
                        help="dynamic quantization: ingot --quantize int8-dynamic against ORT's quantize_dynamic")
    parser.add_argument("--samples", type=int, default=16, help="calibration inputs per model")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--threads", default="1", help="thread counts, comma-separated")
    parser.add_argument("--baseline", help="another ingot binary whose int8 program runs in the same rounds")
    parser.add_argument("--int8-flags", default="", help="more flags for ingot's int8 compile, e.g. '--weight-bits 7'")
    args = parser.parse_args()
    models = args.models or ("transformer_enc" if args.dynamic else "mobilenet_v2,resnet18,squeezenet1_1")
    rows = []
    with tempfile.TemporaryDirectory() as work_dir:
        work = pathlib.Path(work_dir)
        for name in models.split(","):
            model = args.zoo / f"{name}.onnx"
            test_input = model.with_suffix(".in.npy")
            reference = np.load(args.zoo / f"{name}.out.npy")
            shape = np.load(test_input).shape
            stack = np.random.default_rng(2026).standard_normal((args.samples,) + shape).astype(np.float32)
            fp32, int8 = work / f"{name}_fp32", work / f"{name}_int8"
            subprocess.run([args.ingot, "compile", str(model), "-o", str(fp32), "--target", args.target],
                           capture_output=True, check=True)
            input_name = json.loads((fp32 / "report.json").read_text())["inputs"][0]["name"]
            calibration = work / f"{name}_calibration"
            calibration.mkdir()
            np.save(calibration / f"{input_name}.npy", stack)
            print(f"{name}: quantizing (ingot, then ONNX Runtime)", file=sys.stderr, flush=True)
            quantize = ["int8-dynamic"] if args.dynamic else ["int8", "--calibration", str(calibration)]
            subprocess.run([args.ingot, "compile", str(model), "-o", str(int8), "--target", args.target, "--quantize",
                            *quantize, *args.int8_flags.split()], capture_output=True, check=True)
            base = work / f"{name}_base_int8"
            if args.baseline:
                subprocess.run([args.baseline, "compile", str(model), "-o", str(base), "--target", args.target, "--quantize",
                                *quantize], capture_output=True, check=True)
            qdq = ort_quantize(args.trixie, model, None if args.dynamic else calibration / f"{input_name}.npy",
                               work / f"{name}.int8.onnx")
            ingot_sqnr = sqnr_db(reference, ingot_output(args.ingot, int8, input_name, test_input, work))
            ort_sqnr = sqnr_db(reference, ort_output(args.trixie, qdq, input_name, test_input))
            base_sqnr = sqnr_db(reference, ingot_output(args.baseline, base, input_name, test_input, work)) if args.baseline else float("nan")
            size_ratio = (int8 / "model.ingot").stat().st_size / (fp32 / "model.ingot").stat().st_size
            for threads in [int(t) for t in args.threads.split(",")]:
                times = {"ingot fp32": [], "ingot int8": [], "ORT fp32": [], "ORT int8": [], "base int8": []}
                for round_index in range(args.rounds):
                    print(f"{name}, {threads} thread(s): round {round_index + 1} of {args.rounds}", file=sys.stderr,
                          flush=True)
                    times["ingot fp32"].append(ingot_ms(args.ingot, fp32, input_name, test_input, args.repeat, threads))
                    times["ingot int8"].append(ingot_ms(args.ingot, int8, input_name, test_input, args.repeat, threads))
                    times["ORT fp32"].append(ort_ms(args.ort_modules, model, threads, 1))
                    times["ORT int8"].append(ort_ms(args.ort_modules, qdq, threads, 1, zoo_model=model))
                    if args.baseline:
                        times["base int8"].append(ingot_ms(args.baseline, base, input_name, test_input, args.repeat, threads))
                medians = {key: statistics.median(values) if values else float("nan") for key, values in times.items()}
                rows.append((name, threads, medians, ingot_sqnr, ort_sqnr, size_ratio, base_sqnr))
    print(f"{'model':20} {'thr':>3} {'ingot f32':>9} {'ingot i8':>9} {'ORT f32':>8} {'ORT i8':>8} "
          f"{'i8/f32':>7} {'i8/ORT i8':>9} {'SQNR ingot':>10} {'SQNR ORT':>9} {'size i8/f32':>11} {'base i8':>8} {'SQNR base':>9}")
    for name, threads, m, ingot_sqnr, ort_sqnr, size_ratio, base_sqnr in rows:
        print(f"{name:20} {threads:3d} {m['ingot fp32']:9.2f} {m['ingot int8']:9.2f} {m['ORT fp32']:8.2f} "
              f"{m['ORT int8']:8.2f} {m['ingot int8'] / m['ingot fp32']:7.2f} {m['ingot int8'] / m['ORT int8']:9.2f} "
              f"{ingot_sqnr:10.1f} {ort_sqnr:9.1f} {size_ratio:11.2f} {m['base int8']:8.2f} {base_sqnr:9.1f}")


if __name__ == "__main__":
    main()
