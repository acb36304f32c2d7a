#!/usr/bin/python3
"""End to end on ARM: programs compiled by the native `ingot compile --target
aarch64` run on the aarch64 runtime (ingot-run of the cross build,
scripts/cross_aarch64.sh) under qemu-aarch64, and their outputs are compared
with the reference outputs:

- testdata/tiny_cnn.onnx against its numpy reference;
- every .pt2 fixture of testdata/pt2 (training IR and Core ATen) against
  torch's eager outputs;
- a sample of the ONNX backend node tests (/usr/share/libonnx-testdata):
  every test of an op with a NEON kernel (kernels/arm/variants.def: conv,
  matmul, gemm, add, sub, mul, div, pooling, reduce_mean, softmax,
  layer norm, sigmoid, erf, pow, transpose, slice) and every --sample-th of
  the others, with the conformance tolerances
  (tests/conformance/onnx_conformance.py). A test that the native build
  fails too (it is listed by the conformance run) is not an ARM failure;
- a small CNN built here (convs with relu, a strided conv, a residual add,
  a 1x1 conv as the output, so that every op is an integer one) quantized
  (`--quantize int8`, 4 standard-normal calibration samples) for this host,
  for aarch64 (its convs on qconv.im2col.*.neon, run on a qemu CPU without
  the dot product: `-cpu cortex-a53`) and for aarch64-dotprod (SDOT, qemu
  `-cpu max`): the integer programs' outputs must be bit-identical (the
  same fixed-point arithmetic on every ISA, whichever int8 kernels each
  target selects), and the aarch64-dotprod program must be refused on the
  CPU without the dot product (its required_isa).

Tolerance for the models: |arm - reference| <= 1e-5 + 1e-4 * |reference|.
Prints one line per failure and a summary with the counts."""

import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import onnx

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SOURCE, "tests", "conformance"))
import onnx_conformance  # noqa: E402  (load_pb, compare, safe_name, DATA)

# As the native .pt2 fixture test (tests/e2e/pt2_fixtures_test.py): the ARM
# kernels must agree with torch as closely as the x86 ones do.
RTOL, ATOL = 1e-4, 1e-5
NEON_OPS = ("test_conv", "test_matmul", "test_gemm", "test_add", "test_sub", "test_mul", "test_div", "test_maxpool",
            "test_averagepool", "test_globalaveragepool", "test_reduce_mean", "test_softmax", "test_layer_normalization",
            "test_sigmoid", "test_erf", "test_pow", "test_transpose", "test_slice")
TARGET = "aarch64"


class Runner:
    def __init__(self, args):
        self.ingot = os.path.abspath(args.ingot)
        self.runner = [args.qemu, "-L", args.sysroot, os.path.abspath(args.runner)]
        self.timeout = args.timeout

    def compile(self, model, bundle, extra=(), target=TARGET):
        return subprocess.run([self.ingot, "compile", model, "-o", bundle, "--target", target, *extra],
                              capture_output=True, text=True, timeout=self.timeout)

    def run_arm(self, bundle, inputs, out, cpu=None):
        """ingot-run under qemu, on qemu's default CPU (max: every feature) or the named one."""
        args = list(self.runner) + [bundle, "--output-dir", out]
        if cpu is not None:
            args[1:1] = ["-cpu", cpu]
        for name, path in inputs:
            args += ["--input", "%s=%s" % (name, path)]
        return subprocess.run(args, capture_output=True, text=True, timeout=self.timeout)

    def run_native(self, bundle, inputs, out):
        args = [self.ingot, "run", bundle, "--output-dir", out]
        for name, path in inputs:
            args += ["--input", "%s=%s" % (name, path)]
        return subprocess.run(args, capture_output=True, text=True, timeout=self.timeout)


def within(got, want):
    """None when got matches want within the model tolerance, else why not."""
    if got.shape != want.shape or got.dtype != want.dtype:
        return "got %s %s, expected %s %s" % (got.dtype, list(got.shape), want.dtype, list(want.shape))
    error = np.abs(got.astype(np.float64) - want.astype(np.float64))
    bad = error > ATOL + RTOL * np.abs(want.astype(np.float64))
    if bad.any():
        return "%d of %d elements off, max abs error %.3g" % (bad.sum(), bad.size, error.max())
    return None


def output_names(runner, model):
    run = subprocess.run([runner.ingot, "inspect", "--json", model], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(run.stderr)
    return [o["name"] for o in json.loads(run.stdout)["outputs"]]


def check_model(runner, label, model, inputs, expected, extra=()):
    """inputs: [(name, npy)]; expected: [npy] in output order. Returns a failure or None."""
    work = tempfile.mkdtemp(prefix="ingot-arm-")
    try:
        bundle, out = os.path.join(work, "bundle"), os.path.join(work, "out")
        run = runner.compile(model, bundle, extra)
        if run.returncode != 0:
            return "%s: compile for %s failed (exit %d): %s" % (label, TARGET, run.returncode, run.stderr.strip())
        with open(os.path.join(bundle, "report.json")) as f:
            report = json.load(f)
        if not any(node["kernel"].endswith(".neon") for node in report["nodes"]):
            return "%s: no node got a NEON kernel" % label
        run = runner.run_arm(bundle, inputs, out)
        if run.returncode != 0:
            return "%s: ingot-run under qemu failed (exit %d): %s" % (label, run.returncode, run.stderr.strip())
        names = output_names(runner, model)
        if len(names) != len(expected):
            return "%s: %d outputs, %d expected" % (label, len(names), len(expected))
        for name, want in zip(names, expected):
            problem = within(np.load(os.path.join(out, onnx_conformance.safe_name(name))), np.load(want))
            if problem:
                return "%s: output '%s': %s" % (label, name, problem)
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def model_cases():
    """(label, model, inputs, expected outputs, extra compile flags) of testdata/."""
    data = os.path.join(SOURCE, "testdata")
    cases = [("tiny_cnn.onnx", os.path.join(data, "tiny_cnn.onnx"), [("image", os.path.join(data, "tiny_cnn.input.npy"))],
              [os.path.join(data, "tiny_cnn.expected.npy")], ())]
    pt2 = os.path.join(data, "pt2")
    with open(os.path.join(pt2, "manifest.json")) as f:
        manifest = json.load(f)["models"]
    for name, entry in sorted(manifest.items()):
        archives = [entry["archive"]] if "archive" in entry else ["%s.%s.pt2" % (name, kind) for kind in ("train", "core")]
        reference = entry.get("reference", name)
        inputs = [(input_name, os.path.join(pt2, "%s.input.%d.npy" % (reference, i))) for i, input_name in enumerate(entry["inputs"])]
        expected = [os.path.join(pt2, "%s.expected.%d.npy" % (reference, i)) for i in range(entry["outputs"])]
        extra = ("--input-shape", "x=3x32") if name == "mlp_ln_dynamic" else ()
        for archive in archives:
            cases.append((archive, os.path.join(pt2, archive), inputs, expected, extra))
    return cases


def check_runner_errors(runner):
    """ingot-run refuses what `ingot run` refuses, with the same exit codes. Returns failures."""
    data = os.path.join(SOURCE, "testdata")
    failures = []
    work = tempfile.mkdtemp(prefix="ingot-arm-errors-")
    try:
        bundle = os.path.join(work, "bundle")
        run = subprocess.run([runner.ingot, "compile", os.path.join(data, "tiny_cnn.onnx"), "-o", bundle],
                             capture_output=True, text=True, timeout=runner.timeout)
        if run.returncode != 0:
            return ["errors: compile failed: " + run.stderr.strip()]
        image = os.path.join(data, "tiny_cnn.input.npy")
        wrong = os.path.join(data, "tiny_cnn.expected.npy")
        cases = [("no program", []), ("unknown option", [bundle, "--bogus"]), ("missing program", [os.path.join(work, "none")]),
                 ("input not given", [bundle]), ("unknown input", [bundle, "--input", "image=" + image, "--input", "x=" + image]),
                 ("wrong input shape", [bundle, "--input", "image=" + wrong]), ("not a .npy", [bundle, "--input", "image=" + bundle + "/report.json"])]
        for label, args in cases:
            native = subprocess.run([runner.ingot, "run", *args], capture_output=True, text=True, timeout=runner.timeout)
            arm = subprocess.run(runner.runner + args, capture_output=True, text=True, timeout=runner.timeout)
            if arm.returncode != native.returncode or arm.returncode == 0:
                failures.append("errors: %s: ingot-run exit %d, ingot run exit %d" % (label, arm.returncode, native.returncode))
            elif native.returncode == 2 and native.stderr.replace("ingot: ", "", 1) != arm.stderr.replace("ingot-run: ", "", 1):
                failures.append("errors: %s: ingot-run says %r, ingot run %r" % (label, arm.stderr.strip(), native.stderr.strip()))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return failures


def int8_cnn(path):
    """A CNN whose every op quantizes to an integer op, its output the last conv's."""
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(11)
    inits = []

    def weight(name, shape):
        inits.append(numpy_helper.from_array(rng.normal(0, np.sqrt(2.0 / np.prod(shape[1:])), shape).astype(np.float32), name))
        return name

    nodes = [
        helper.make_node("Conv", ["x", weight("w1", (8, 3, 3, 3)), weight("b1", (8,))], ["c1"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", weight("w2", (8, 8, 3, 3))], ["c2"], pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("Conv", ["r2", weight("w3", (8, 8, 3, 3))], ["c3"], pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["c3", "r2"], ["s"]),
        helper.make_node("Conv", ["s", weight("w4", (16, 8, 1, 1)), weight("b4", (16,))], ["y"]),
    ]
    graph = helper.make_graph(nodes, "int8_cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 8, 8])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)


# The int8 CNN's ARM targets: the kernel its convs must get there, and the
# qemu CPU it runs on (cortex-a53: ARMv8.0, no dot product).
INT8_TARGETS = (("aarch64", "qconv.im2col.u8.neon", "cortex-a53"), ("aarch64-dotprod", "qconv.im2col.u8.dotprod", "max"))


def check_int8_bit_exact(runner):
    """The int8 programs of int8_cnn for each of INT8_TARGETS under qemu against its int8 program on this host.
    Returns a list of failures."""
    work = tempfile.mkdtemp(prefix="ingot-arm-int8-")
    try:
        model, image = os.path.join(work, "int8_cnn.onnx"), os.path.join(work, "x.npy")
        int8_cnn(model)
        np.save(image, np.random.default_rng(8).standard_normal((1, 3, 16, 16)).astype(np.float32))
        calibration = os.path.join(work, "calibration")
        os.makedirs(calibration)
        np.save(os.path.join(calibration, "x.npy"), np.random.default_rng(7).standard_normal((4, 1, 3, 16, 16)).astype(np.float32))
        quantize = ("--quantize", "int8", "--calibration", calibration)
        host_bundle, host_out = os.path.join(work, "host"), os.path.join(work, "host_out")
        run = subprocess.run([runner.ingot, "compile", model, "-o", host_bundle, "--target", "host", *quantize],
                             capture_output=True, text=True, timeout=runner.timeout)
        if run.returncode != 0:
            return ["int8: compile for host failed (exit %d): %s" % (run.returncode, run.stderr.strip())]
        run = runner.run_native(host_bundle, [("x", image)], host_out)
        if run.returncode != 0:
            return ["int8: host run failed (exit %d): %s" % (run.returncode, run.stderr.strip())]
        return [failure for target, kernel, cpu in INT8_TARGETS
                for failure in [check_int8_target(runner, work, model, image, quantize, host_out, target, kernel, cpu)]
                if failure]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_int8_target(runner, work, model, image, quantize, host_out, target, kernel, cpu):
    """One ARM target's int8 program against the host's outputs. Returns a failure or None."""
    bundle, out = os.path.join(work, target), os.path.join(work, target + "_out")
    run = runner.compile(model, bundle, quantize, target)
    if run.returncode != 0:
        return "int8: compile for %s failed (exit %d): %s" % (target, run.returncode, run.stderr.strip())
    with open(os.path.join(bundle, "report.json")) as f:
        nodes = json.load(f)["nodes"]
    ops = {node["op"] for node in nodes}
    if not {"qconv", "qadd"} <= ops or ops & {"conv", "add"}:
        return "int8: the %s program is not all integer: %s" % (target, sorted(ops))
    convs = sorted({node["kernel"] for node in nodes if node["op"] == "qconv"})
    if convs != [kernel]:
        return "int8: the %s program's convs got %s, not %s" % (target, convs, kernel)
    run = runner.run_arm(bundle, [("x", image)], out, cpu)
    if run.returncode != 0:
        return "int8: %s run failed (exit %d): %s" % (target, run.returncode, run.stderr.strip())
    for name in sorted(os.listdir(host_out)):
        arm, host = np.load(os.path.join(out, name)), np.load(os.path.join(host_out, name))
        if arm.dtype != host.dtype or arm.shape != host.shape or arm.tobytes() != host.tobytes():
            return "int8: output %s differs between %s and the host (max abs diff %g)" % (
                name, target, np.abs(arm.astype(np.float64) - host).max() if arm.shape == host.shape else float("nan"))
    if cpu == "max":  # the program needs the dot product: a CPU without it must refuse it at load
        run = runner.run_arm(bundle, [("x", image)], out + "_a53", "cortex-a53")
        if run.returncode == 0 or "dotprod" not in run.stderr:
            return "int8: the %s program was not refused on a CPU without dotprod (exit %d): %s" % (
                target, run.returncode, run.stderr.strip())
    return None


def run_node_test(runner, test):
    """(status, detail): pass, unsupported (compile refused it, exit 2), native-fails (the x86 build does not
    pass it either), or fail."""
    directory = os.path.join(onnx_conformance.DATA, "node", test)
    model_path = os.path.join(directory, "model.onnx")
    work = tempfile.mkdtemp(prefix="ingot-arm-node-")
    try:
        bundle = os.path.join(work, "bundle")
        run = runner.compile(model_path, bundle)
        if run.returncode == 2:
            return "unsupported", run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        if run.returncode != 0:
            return "fail", "compile exit %d: %s" % (run.returncode, run.stderr.strip())
        model = onnx.load(model_path)
        initializers = {init.name for init in model.graph.initializer}
        inputs = [v.name for v in model.graph.input if v.name not in initializers]
        outputs = [v.name for v in model.graph.output]
        for data_set in sorted(glob.glob(os.path.join(directory, "test_data_set_*"))):
            # ingot-run reads .npy only: the .pb inputs as .npy.
            npys = []
            for i, name in enumerate(inputs):
                path = os.path.join(work, "input_%d.npy" % i)
                np.save(path, onnx_conformance.load_pb(os.path.join(data_set, "input_%d.pb" % i)))
                npys.append((name, path))
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            run = runner.run_arm(bundle, npys, out)
            problem = None
            if run.returncode != 0:
                problem = "ingot-run exit %d: %s" % (run.returncode, run.stderr.strip())
            else:
                for i, name in enumerate(outputs):
                    expected = onnx_conformance.load_pb(os.path.join(data_set, "output_%d.pb" % i))
                    problem = onnx_conformance.compare(expected, np.load(os.path.join(out, onnx_conformance.safe_name(name))))
                    if problem:
                        problem = "output '%s': %s" % (name, problem)
                        break
            if problem:
                # Not an ARM failure when the native runtime fails it too.
                native_out = os.path.join(work, "native")
                native = runner.run_native(bundle, npys, native_out)
                if native.returncode != 0:
                    return "native-fails", problem
                for i, name in enumerate(outputs):
                    expected = onnx_conformance.load_pb(os.path.join(data_set, "output_%d.pb" % i))
                    if onnx_conformance.compare(expected, np.load(os.path.join(native_out, onnx_conformance.safe_name(name)))):
                        return "native-fails", problem
                return "fail", "%s: %s" % (os.path.basename(data_set), problem)
        return "pass", ""
    except subprocess.TimeoutExpired as e:
        return "fail", "timed out: %s" % " ".join(e.cmd[:3])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True, help="the native ingot (compiles for aarch64)")
    parser.add_argument("--runner", required=True, help="the aarch64 ingot-run (build-aarch64/bin/ingot-run)")
    parser.add_argument("--qemu", default="qemu-aarch64")
    parser.add_argument("--sysroot", default="/usr/aarch64-linux-gnu")
    parser.add_argument("--sample", type=int, default=4,
                        help="every N-th ONNX node test of ops without a NEON kernel, in name order")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()
    if not os.path.exists(args.runner):
        print("FAILED: %s does not exist; build it with scripts/cross_aarch64.sh --build-only" % args.runner)
        return 1
    runner = Runner(args)
    failures = []

    cases = model_cases()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda case: check_model(runner, *case), cases))
    failures += [r for r in results if r]
    print("== models on %s under qemu: %d of %d match the reference (rtol %g)" % (
        TARGET, sum(1 for r in results if r is None), len(results), RTOL))

    errors = check_runner_errors(runner)
    failures += errors
    print("== ingot-run under qemu: errors and exit codes as `ingot run`: %s" % ("yes" if not errors else "NO"))

    int8 = check_int8_bit_exact(runner)
    failures += int8
    print("== an int8 CNN on %s under qemu bit-identical to the host's int8 program: %s" % (
        " and ".join(target for target, _, _ in INT8_TARGETS), "yes" if not int8 else "NO"))

    tests = sorted(os.listdir(os.path.join(onnx_conformance.DATA, "node")))
    neon = [t for t in tests if t.startswith(NEON_OPS)]
    others = [t for t in tests if not t.startswith(NEON_OPS)][::args.sample]
    chosen = sorted(set(neon) | set(others))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        node_results = list(pool.map(lambda t: (t,) + run_node_test(runner, t), chosen))
    counts = {}
    for test, status, detail in node_results:
        counts[status] = counts.get(status, 0) + 1
        if status == "fail":
            failures.append("node/%s: %s" % (test, detail))
    print("== ONNX node tests on %s under qemu (%d with a NEON op, every %d-th other): %d tests: %s" % (
        TARGET, len(neon), args.sample, len(chosen), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    for line in failures:
        print("FAILED: " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
