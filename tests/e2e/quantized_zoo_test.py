#!/usr/bin/python3
"""int8 zoo models on the host's integer kernels give the reference kernels'
bytes: `ingot compile --quantize int8 --calibration DIR` of each model for
`--target host` (qconv on the AVX2 / NEON variants) and for `--target
portable` (the reference kernels), both run on the zoo's input; the outputs
must be equal bit for bit (the optimized integer kernels promise the same
i32 sums and the same fixed-point requantization), and the host program must
actually run its qconv nodes on optimized kernels.

Calibration: the zoo's input alone (which parameters come out does not
matter here, only that both programs share them; every sample costs a float
and a quantized run on the reference kernels, the larger part of this test).
The models are checked in parallel.

A model named NAME@7 is quantized with 7-bit weights (--weight-bits 7): its
host program must run every qconv that is not depthwise on
qconv.im2col_w7 (x86: the u8 x i8 GEMM on vpmaddubsw), bit for bit too.

A model whose int8 program ends in float ops on optimized float kernels
(squeezenet1_1: dequantize, then global average pooling in f32, whose AVX2
sums round differently from the reference's) is cut before that op
(`NAME:OP`, onnx.utils.extract_model): its output is then the dequantized
result of the integer ops, which must match to the bit.

    /usr/bin/python3 tests/e2e/quantized_zoo_test.py --ingot build/bin/ingot --zoo /tmp/zoo \
        --models squeezenet1_1:GlobalAveragePool@7 mobilenet_v2
"""
import argparse
import concurrent.futures
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnx.utils


def run(*args):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}")
    return done


def cut_before(model, op, path):
    """The model up to the input of its first `op` node, as a new model at path."""
    graph = onnx.load(str(model)).graph
    node = next(n for n in graph.node if n.op_type == op)
    onnx.utils.extract_model(str(model), str(path), [graph.input[0].name], [node.input[0]])
    return path


def check(ingot, zoo, spec, work):
    spec, _, bits = spec.partition("@")
    name, _, cut = spec.partition(":")
    bits_flags = ["--weight-bits", bits] if bits else []
    model = zoo / f"{name}.onnx"
    if cut:
        model = cut_before(model, cut, work / f"{name}.cut.onnx")
    x = np.load(zoo / f"{name}.in.npy")
    input_name = onnx.load(str(model), load_external_data=False).graph.input[0].name
    calibration = work / f"{name}.calibration"
    calibration.mkdir()
    np.save(calibration / f"{input_name}.npy", x)
    outputs = {}
    for target in ("host", "portable"):
        bundle = work / f"{name}.{target}"
        run(ingot, "compile", model, "-o", bundle, "--target", target, "--quantize", "int8", "--calibration", calibration,
            *bits_flags)
        report = json.loads((bundle / "report.json").read_text())
        qconvs = [n for n in report["nodes"] if n["op"] == "qconv"]
        if not qconvs:
            return f"{name}: no qconv node in the int8 program"
        if target == "host" and not all(n["optimized"] for n in qconvs):
            slow = [f"{n['name']}: {n.get('fallback_reason', '')}" for n in qconvs if not n["optimized"]]
            return f"{name}: qconv nodes on the reference kernel: {slow[:3]}"
        if target == "host" and bits == "7" and str(report["target"]).startswith("x86"):
            other = [n["name"] for n in qconvs if "depthwise" not in n["kernel"] and "im2col_w7" not in n["kernel"]]
            if other:
                return f"{name}: 7-bit weights, but qconv nodes not on qconv.im2col_w7: {other[:3]}"
        out = work / f"{name}.{target}.out"
        run(ingot, "run", bundle, "--input", f"{input_name}={zoo / (name + '.in.npy')}", "--output-dir", out)
        outputs[target] = [np.load(p) for p in sorted(out.glob("*.npy"))]
    for host, portable in zip(outputs["host"], outputs["portable"]):
        if host.shape != portable.shape or host.tobytes() != portable.tobytes():
            differ = int(np.sum(host != portable)) if host.shape == portable.shape else -1
            return f"{name}: host and portable int8 outputs differ ({differ} elements)"
    print(f"{name}: int8 host == portable, bit for bit ({len(outputs['host'])} outputs)")
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--zoo", required=True, type=pathlib.Path)
    parser.add_argument("--models", nargs="+", default=["squeezenet1_1:GlobalAveragePool"],
                        help="NAME or NAME:OP (cut before the first OP node), @7 after it for 7-bit weights")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(len(args.models)) as pool:
        errors = list(pool.map(lambda spec: check(args.ingot, args.zoo, spec, pathlib.Path(tmp)), args.models))
    for error in filter(None, errors):
        print(error, file=sys.stderr)
    return 1 if any(errors) else 0


if __name__ == "__main__":
    sys.exit(main())
