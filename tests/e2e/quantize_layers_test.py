#!/usr/bin/python3
"""`ingot compile --quantize int8` beyond the layers themselves, on a small
fire-module CNN built here with the onnx helper (conv, relu, two branches
joined by a concat, max and average pools, global average pool, gemm):

- the program stays integer from input to output: the pools, the concat and
  the flatten run on u8 data (qavg_pool for the averages); only the input's
  quantize and the output's dequantize compute in float;
- report.json's "program_outputs" (the final program, run by ingot) agrees
  with what numpy measures between `ingot run` of the int8 and the f32
  bundles on the calibration data;
- --keep-float NODE keeps that node float and says so; an unknown node is
  exit 1 naming it; --min-sqnr puts the layers with the lowest SQNR back to
  float until the quantized graph meets the target, searching again higher
  when the program falls short (exit 4, bundle written, when it still
  misses it); a negative target is exit 1;
- an .npz calibration set gives what the same arrays in a folder give."""

import json
import os
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import ingot_test
from ingot_test import ingot


def build(path):
    rng = np.random.default_rng(5)
    inits = []

    def const(name, array):
        inits.append(numpy_helper.from_array(array.astype(np.float32), name))
        return name

    def conv(name, x, m, c, k):
        w = const(name + "_w", rng.normal(0, np.sqrt(2.0 / (c * k * k)), size=(m, c, k, k)))
        b = const(name + "_b", rng.normal(0, 0.1, m))
        return [helper.make_node("Conv", [x, w, b], [name], pads=[k // 2] * 4, name=name),
                helper.make_node("Relu", [name], [name + "_r"], name=name + "_relu")]

    nodes = conv("squeeze", "x", 4, 3, 3)
    nodes += [helper.make_node("MaxPool", ["squeeze_r"], ["p"], kernel_shape=[2, 2], strides=[2, 2], name="pool")]
    nodes += conv("e1", "p", 6, 4, 1) + conv("e3", "p", 6, 4, 3)
    nodes += [helper.make_node("Concat", ["e1_r", "e3_r"], ["cat"], axis=1, name="cat"),
              helper.make_node("AveragePool", ["cat"], ["avg"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], name="avg")]
    nodes += conv("mix", "avg", 8, 12, 1)
    nodes += [helper.make_node("GlobalAveragePool", ["mix_r"], ["g"], name="gap"),
              helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
              helper.make_node("Gemm", ["f", const("fc_w", rng.normal(0, 0.3, (10, 8))), const("fc_b", rng.normal(0, 0.1, 10))],
                               ["y"], transB=1, name="fc")]
    graph = helper.make_graph(nodes, "fire", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def samples(seed, count):
    return np.random.default_rng(seed).normal(0, 1, size=(count, 1, 3, 16, 16)).astype(np.float32)


def sqnr(reference, test):
    noise = np.sum((reference.astype(np.float64) - test) ** 2)
    return 10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / noise) if noise > 0 else 200.0


def float_nodes(report):
    return [n for n in report["nodes"] if any(o["dtype"] == "f32" for o in n["outputs"])]


class QuantizeLayersTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.model = os.path.join(self.tmp.name, "fire.onnx")
        build(self.model)
        self.calibration = os.path.join(self.tmp.name, "calibration")
        os.mkdir(self.calibration)
        self.data = samples(1, 12)
        np.save(os.path.join(self.calibration, "x.npy"), self.data)

    def tearDown(self):
        self.tmp.cleanup()

    def compile(self, name, *extra):
        bundle = os.path.join(self.tmp.name, name)
        run = ingot("compile", self.model, "-o", bundle, "--quantize", "int8", "--calibration", self.calibration, *extra)
        report = None
        if os.path.exists(os.path.join(bundle, "report.json")):
            with open(os.path.join(bundle, "report.json")) as f:
                report = json.load(f)
        return run, bundle, report

    def run_bundle(self, bundle, x):
        path = os.path.join(self.tmp.name, "in.npy")
        np.save(path, x)
        out = os.path.join(self.tmp.name, "out")
        run = ingot("run", bundle, "--input", "x=" + path, "--output-dir", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        return np.load(os.path.join(out, "y.npy"))

    def test_integer_from_input_to_output(self):
        run, bundle, report = self.compile("int8")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual([n["op"] for n in float_nodes(report)], ["dequantize"])
        ops = [n["op"] for n in report["nodes"]]
        self.assertEqual(ops[0], "quantize")
        for op in ("max_pool", "concat", "qavg_pool", "reshape", "qmatmul"):
            self.assertIn(op, ops)
        self.assertEqual(ops.count("qavg_pool"), 2)  # the average pool and the global one
        self.assertIn("SQNR, the program", run.stdout)
        # The program's SQNR as report.json claims it, and as numpy measures it.
        f32 = os.path.join(self.tmp.name, "f32")
        self.assertEqual(ingot("compile", self.model, "-o", f32).returncode, 0)
        f = np.concatenate([self.run_bundle(f32, x) for x in self.data])
        i = np.concatenate([self.run_bundle(bundle, x) for x in self.data])
        claimed = report["quantization"]["program_outputs"][0]["sqnr_db"]
        self.assertAlmostEqual(claimed, sqnr(f, i), delta=0.01)
        self.assertGreater(claimed, 25.0)
        # The quantize/dequantize graph and the program compute nearly alike.
        self.assertLess(abs(report["quantization"]["outputs"][0]["sqnr_db"] - claimed), 1.0)

    def test_keep_float(self):
        run, _, report = self.compile("kept", "--keep-float", "e3,fc")
        self.assertEqual(run.returncode, 0, run.stderr)
        q = report["quantization"]
        self.assertEqual([(k["node"], k["reason"]) for k in q["kept_float"]], [("e3", "--keep-float"), ("fc", "--keep-float")])
        self.assertNotIn("e3", [layer["node"] for layer in q["layers"]])
        by_name = {n["name"]: n["op"] for n in report["nodes"]}
        self.assertEqual(by_name.get("e3"), "conv")
        self.assertIn("e3", run.stdout)
        run, bundle, _ = self.compile("typo", "--keep-float", "e5")
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn("'e5'", run.stderr)
        self.assertFalse(os.path.exists(bundle))

    def test_min_sqnr(self):
        run, _, report = self.compile("plain")
        base = report["quantization"]["outputs"][0]["sqnr_db"]
        # A target a little above what all-int8 gives: some layers go back to float.
        target = base + 3
        run, _, report = self.compile("target", "--min-sqnr", str(target))
        q = report["quantization"]
        self.assertGreater(len(q["kept_float"]), 0)
        for kept in q["kept_float"]:
            self.assertIn("--min-sqnr", kept["reason"])
        # The search measures the quantize/dequantize graph, against a
        # target raised when the program (fixed point) fell short; the
        # policy measures the program.
        self.assertEqual(q["min_sqnr_db"], target)
        self.assertGreaterEqual(q["search_sqnr_db"], target)
        self.assertTrue(q["outputs"][0]["sqnr_db"] >= q["search_sqnr_db"] or q["layers"] == [], q)
        if q["program_outputs"][0]["sqnr_db"] >= target:
            self.assertEqual(run.returncode, 0, run.stderr)
        else:
            self.assertEqual(run.returncode, 4, run.stderr)
            self.assertIn("--min-sqnr", run.stderr)
        # Between the program's SQNR and the graph's: the first search keeps
        # every layer int8, the program misses, the search runs again higher.
        _, _, plain = self.compile("plain2")
        graph_db = plain["quantization"]["outputs"][0]["sqnr_db"]
        program_db = plain["quantization"]["program_outputs"][0]["sqnr_db"]
        if program_db < graph_db - 0.02:
            between = (graph_db + program_db) / 2
            run, _, report = self.compile("between", "--min-sqnr", str(between))
            q = report["quantization"]
            self.assertGreater(q["search_sqnr_db"], between)
            self.assertGreater(len(q["kept_float"]), 0)
            self.assertEqual(run.returncode, 0 if q["program_outputs"][0]["sqnr_db"] >= between else 4, run.stderr)
        # Only the float graph gives 199 dB: every layer goes back to float.
        # The program then computes in float; exit 4 only if its outputs
        # still miss the target (fusion may round differently).
        run, bundle, report = self.compile("all_float", "--min-sqnr", "199")
        q = report["quantization"]
        self.assertEqual(q["layers"], [])
        self.assertEqual(sorted(k["node"] for k in q["kept_float"]), ["e1", "e3", "fc", "mix", "squeeze"])
        self.assertEqual([n["op"] for n in report["nodes"] if n["op"].startswith("q")], [])
        if q["program_outputs"][0]["sqnr_db"] >= 199:
            self.assertEqual(run.returncode, 0, run.stderr)
        else:
            self.assertEqual(run.returncode, 4, run.stderr)
            self.assertIn("--min-sqnr", run.stderr)
        run, bundle, _ = self.compile("negative", "--min-sqnr", "-3")
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertIn("--min-sqnr", run.stderr)
        self.assertFalse(os.path.exists(bundle))

    def test_npz_calibration_set(self):
        _, _, from_folder = self.compile("folder")
        npz = os.path.join(self.tmp.name, "set.npz")
        np.savez(npz, x=self.data)
        bundle = os.path.join(self.tmp.name, "npz")
        run = ingot("compile", self.model, "-o", bundle, "--quantize", "int8", "--calibration", npz)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(bundle, "report.json")) as f:
            from_npz = json.load(f)
        self.assertEqual(from_npz["quantization"], from_folder["quantization"])
        wrong = os.path.join(self.tmp.name, "wrong.npz")
        np.savez(wrong, image=self.data)
        run = ingot("compile", self.model, "-o", bundle + "2", "--quantize", "int8", "--calibration", wrong)
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("wrong.npz", run.stderr)
        self.assertIn("'x'", run.stderr)


if __name__ == "__main__":
    ingot_test.main()
