#!/usr/bin/python3
"""`ingot compile --quantize int8-dynamic` on a small attention-style block
built here with the onnx helper: two MatMuls with constant weights reading the
same input (their activation is quantized once), a GELU-like nonlinearity, a
third MatMul whose result is the graph output, and an activation x activation
MatMul that must stay float.

- the program has no float matmul with constant weights left: qmatmul does
  the products, and report.json's "quantization" lists the three layers;
- its output equals numpy's own computation of the same arithmetic (ONNX
  DynamicQuantizeLinear on the activation, i8 weights per column, i32
  products, one rescale) to float rounding: the arithmetic is what the docs
  say, not just close to the float model;
- and stays above 25 dB SQNR against the float model (a small block, K = 32,
  tanh and softmax between the products; the zoo transformer gets 45 dB);
- --keep-float NODE leaves that matmul float and says so in the report;
- bad use fails cleanly: --calibration or --min-sqnr with int8-dynamic, or
  --keep-float naming no node, is exit 1."""

import json
import os
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import ingot_test

RNG = np.random.default_rng(5)
W = {name: RNG.normal(0, 0.2, shape).astype(np.float32)
     for name, shape in {"wq": (32, 32), "wk": (32, 32), "wo": (32, 24)}.items()}


def build(path):
    inits = [numpy_helper.from_array(w, name) for name, w in W.items()]
    nodes = [
        helper.make_node("MatMul", ["x", "wq"], ["q"]),
        helper.make_node("MatMul", ["x", "wk"], ["k"]),
        helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["q", "kt"], ["scores"]),  # activations only: stays float
        helper.make_node("Softmax", ["scores"], ["p"], axis=-1),
        helper.make_node("MatMul", ["p", "q"], ["attended"]),
        helper.make_node("Tanh", ["attended"], ["h"]),
        helper.make_node("MatMul", ["h", "wo"], ["y"], name="out_proj"),
    ]
    graph = helper.make_graph(nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 32])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 24])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def dynamic_matmul(x, w):
    """The documented arithmetic, in numpy, in f32 where the program is f32."""
    lo, hi = np.float32(min(x.min(), 0)), np.float32(max(x.max(), 0))
    scale = np.maximum((hi - lo) / np.float32(255), np.finfo(np.float32).tiny).astype(np.float32)
    zero_point = np.round(np.clip(np.float32(0) - lo / scale, 0, 255))
    xq = np.clip(np.round(x / scale) + zero_point, 0, 255)
    w_scale = (np.abs(w).max(axis=0) / 127.0).astype(np.float32)
    wq = np.clip(np.round(w / w_scale), -127, 127)
    acc = (xq.astype(np.int64) - int(zero_point)) @ wq.astype(np.int64)
    return acc.astype(np.float32) * (scale * w_scale).astype(np.float32)


def forward(x, product):
    q, k = product(x, W["wq"]), product(x, W["wk"])
    attended = softmax(q @ k.transpose(0, 2, 1)) @ q
    return product(np.tanh(attended), W["wo"])


class QuantizeDynamicTest(unittest.TestCase):
    def test_products_are_integer_and_match_the_documented_arithmetic(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "block.onnx")
            build(model)
            bundle = os.path.join(tmp, "bundle")
            run = ingot_test.ingot("compile", model, "-o", bundle, "--quantize", "int8-dynamic", "--target", "portable")
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(bundle, "report.json")) as f:
                report = json.load(f)
            ops = [n["op"] for n in report["nodes"]]
            self.assertEqual(ops.count("qmatmul"), 3)
            self.assertEqual(ops.count("matmul"), 2)  # q @ k^T and p @ q
            quantization = report["quantization"]
            self.assertEqual(quantization["mode"], "int8-dynamic")
            self.assertEqual(sorted(layer["weight_bytes_i8"] for layer in quantization["layers"]), [32 * 24, 32 * 32, 32 * 32])
            for sample in range(3):
                x = np.random.default_rng(100 + sample).normal(0, 1, (1, 16, 32)).astype(np.float32)
                np.save(os.path.join(tmp, "x.npy"), x)
                out = os.path.join(tmp, f"out{sample}")
                run = ingot_test.ingot("run", bundle, "--input", f"x={tmp}/x.npy", "--output-dir", out)
                self.assertEqual(run.returncode, 0, run.stderr)
                got = np.load(os.path.join(out, "y.npy"))
                np.testing.assert_allclose(got, forward(x, dynamic_matmul), rtol=1e-4, atol=1e-5)
                reference = forward(x, lambda a, w: a @ w)
                sqnr = 10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / np.sum((reference - got) ** 2.0))
                self.assertGreater(sqnr, 25.0)

    def test_keep_float_leaves_the_named_matmul_float(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "block.onnx")
            build(model)
            bundle = os.path.join(tmp, "bundle")
            run = ingot_test.ingot("compile", model, "-o", bundle, "--quantize", "int8-dynamic", "--keep-float", "out_proj")
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(bundle, "report.json")) as f:
                report = json.load(f)
            ops = [n["op"] for n in report["nodes"]]
            self.assertEqual((ops.count("qmatmul"), ops.count("matmul")), (2, 3))
            self.assertEqual([k["node"] for k in report["quantization"]["kept_float"]], ["out_proj"])
            run = ingot_test.ingot("compile", model, "-o", bundle, "--quantize", "int8-dynamic", "--keep-float", "no_such")
            self.assertEqual(run.returncode, 1, run.stderr)
            self.assertIn("no node named 'no_such'", run.stderr)

    def test_calibration_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "block.onnx")
            build(model)
            run = ingot_test.ingot("compile", model, "-o", os.path.join(tmp, "b"), "--quantize", "int8-dynamic",
                                   "--calibration", tmp)
            self.assertEqual(run.returncode, 1, run.stderr)
            self.assertIn("int8-dynamic takes none", run.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "b")))
            run = ingot_test.ingot("compile", model, "-o", os.path.join(tmp, "b"), "--quantize", "int8-dynamic",
                                   "--min-sqnr", "30")
            self.assertEqual(run.returncode, 1, run.stderr)
            self.assertIn("--min-sqnr needs --quantize int8", run.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "b")))


if __name__ == "__main__":
    ingot_test.main()
