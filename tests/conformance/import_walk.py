#!/usr/bin/python3
"""Walks the ONNX models of Debian's libonnx-testdata through `ingot inspect --json`.

For every model it checks that ingot either imports it or refuses it cleanly
(exit 2 with a message), never crashes, hangs or fails internally; that
what ingot reports (inputs, outputs, shapes, dtypes, source-op histogram)
agrees with the onnx library's own reading of the model; and that every core
op of the imported graph (before any pass) is among the core ops its source
op's converter declares (`declared_core_ops`, what ingot answers for op lists
without a model). It prints counts per suite and, for the in-scope node
tests, the share that imports fully.

Exit status: 0 when every check holds and the in-scope import rate reaches
--min-import-rate, 1 otherwise.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys

import onnx
from onnx import shape_inference

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import onnx_scope  # noqa: E402
from declarations import undeclared  # noqa: E402

DATA = "/usr/share/libonnx-testdata/data"
SUITES = ["node", "pytorch-converted", "pytorch-operator", "simple"]

DTYPES = {
    onnx.TensorProto.FLOAT: "f32", onnx.TensorProto.DOUBLE: "f64", onnx.TensorProto.FLOAT16: "f16",
    onnx.TensorProto.BFLOAT16: "bf16", onnx.TensorProto.INT8: "i8", onnx.TensorProto.INT16: "i16",
    onnx.TensorProto.INT32: "i32", onnx.TensorProto.INT64: "i64", onnx.TensorProto.UINT8: "u8",
    onnx.TensorProto.UINT16: "u16", onnx.TensorProto.UINT32: "u32", onnx.TensorProto.UINT64: "u64",
    onnx.TensorProto.BOOL: "bool",
}


def expected_interface(model):
    """Inputs and outputs as the onnx library sees them: (name, dtype, shape), symbolic dims bound to 1."""
    inferred = shape_inference.infer_shapes(model)
    initializers = {init.name for init in model.graph.initializer}

    def describe(value):
        tensor = value.type.tensor_type
        dims = [d.dim_value if d.HasField("dim_value") else 1 for d in tensor.shape.dim]
        return {"name": value.name, "dtype": DTYPES.get(tensor.elem_type, "?"), "shape": dims}

    inferred_outputs = {v.name: v for v in inferred.graph.output}
    inputs = [describe(v) for v in model.graph.input if v.name not in initializers]
    outputs = []
    for value in model.graph.output:
        has_shape = value.type.tensor_type.HasField("shape")
        outputs.append(describe(value if has_shape else inferred_outputs.get(value.name, value)))
    histogram = collections.Counter(
        n.op_type if n.domain in ("", "ai.onnx") else "%s:%s" % (n.domain, n.op_type) for n in model.graph.node)
    return inputs, outputs, histogram


def disagreements(report, model):
    inputs, outputs, histogram = expected_interface(model)
    problems = []
    if report["inputs"] != inputs:
        problems.append("inputs %s != onnx %s" % (report["inputs"], inputs))
    if report["outputs"] != outputs:
        problems.append("outputs %s != onnx %s" % (report["outputs"], outputs))
    if report["source_ops"]["histogram"] != dict(histogram):
        problems.append("source ops %s != onnx %s" % (report["source_ops"]["histogram"], dict(histogram)))
    if report["source_ops"]["total"] != len(model.graph.node):
        problems.append("node count %d != onnx %d" % (report["source_ops"]["total"], len(model.graph.node)))
    return problems


def walk_one(ingot, suite, test, timeout):
    path = os.path.join(DATA, suite, test, "model.onnx")
    model = onnx.load(path)
    scope = onnx_scope.out_of_scope_reason(test, model) if suite == "node" else None
    try:
        run = subprocess.run([ingot, "inspect", "--json", path], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return test, scope, "hang", "no answer in %d s" % timeout
    stderr = run.stderr.strip().splitlines()
    message = stderr[-1] if stderr else ""
    if run.returncode == 2:
        return test, scope, "rejected", message, set()
    if run.returncode == 3:
        return test, scope, "internal", message, set()
    if run.returncode != 0:
        return test, scope, "crash", "exit %d %s" % (run.returncode, message), set()
    report = json.loads(run.stdout)
    problems = disagreements(report, model)
    if problems:
        return test, scope, "disagrees", "; ".join(problems), set()
    # Also for partly mapped models: a converter that failed may have emitted nodes first.
    problems, seen = undeclared(report, "onnx:")
    if problems:
        return test, scope, "undeclared", "; ".join(problems), seen
    if report["unmapped"]:
        reasons = sorted({"%s: %s" % (u["op"], u["reason"]) for u in report["unmapped"]})
        return test, scope, "unmapped", " | ".join(reasons), seen
    return test, scope, "imported", "", seen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingot", required=True, help="path to the ingot binary")
    parser.add_argument("--suite", choices=SUITES + ["all"], default="all")
    parser.add_argument("--filter", default="", help="only tests whose name contains this")
    parser.add_argument("--sample", type=int, default=1,
                        help="only every N-th test of each suite, in name order (a fixed subset, for slow builds)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--min-import-rate", type=float, default=0.95,
                        help="required share of in-scope node tests that import fully")
    parser.add_argument("--verbose", action="store_true", help="print the status of every test")
    args = parser.parse_args()

    suites = SUITES if args.suite == "all" else [args.suite]
    failed_checks = []
    seen_pairs = set()
    for suite in suites:
        tests = sorted(t for t in os.listdir(os.path.join(DATA, suite)) if args.filter in t)
        tests = tests[::args.sample]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda t: walk_one(args.ingot, suite, t, args.timeout), tests))
        counts = collections.Counter(status for _, _, status, _, _ in results)
        print("== %s: %d models: %s" % (suite, len(results),
                                        ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
        for test, scope, status, detail, seen in results:
            seen_pairs |= seen
            bad = status in ("crash", "hang", "internal", "disagrees", "undeclared")
            if bad:
                failed_checks.append("%s/%s: %s" % (suite, test, status))
            if args.verbose or bad or (status != "imported" and scope is None):
                print("  %-10s %s%s  %s" % (status, test, "" if scope is None else " [out of scope]", detail))
        if suite == "node":
            in_scope = [r for r in results if r[1] is None]
            imported = sum(1 for r in in_scope if r[2] == "imported")
            rate = imported / len(in_scope) if in_scope else 1.0
            print("== node, in scope: %d of %d import fully (%.1f%%)" % (imported, len(in_scope), 100 * rate))
            if not args.filter and args.sample == 1 and rate < args.min_import_rate:
                failed_checks.append("in-scope import rate %.1f%% < %.1f%%" % (100 * rate, 100 * args.min_import_rate))
    print("== declared core ops: %d source ops emitted nodes, %d (source op, core op) pairs seen"
          % (len({op for op, _ in seen_pairs}), len(seen_pairs)))
    for check in failed_checks:
        print("FAILED: " + check)
    return 1 if failed_checks else 0


if __name__ == "__main__":
    sys.exit(main())
