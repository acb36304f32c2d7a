#!/usr/bin/python3
"""MatMulInteger as ONNX Runtime's quantize_dynamic writes it: the activation
goes through DynamicQuantizeLinear, so a's zero point is known only at run
time, against constant i8 weights with constant zero points (one, or one per
column). Built here with the onnx helper, compiled by `ingot`, run:

- the import is one integer product (qmatmul, its sums starting from
  -a_zp * colsum(b - b_zp)), not a centred i32 matmul;
- the product equals numpy's exact integer product of the program's own
  quantized activation and zero point (second and third outputs), which in
  turn match numpy's DynamicQuantizeLinear of the input."""

import json
import os
import pathlib
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import ingot_test

RNG = np.random.default_rng(11)
K, N = 67, 40
W = RNG.integers(-127, 128, size=(K, N)).astype(np.int8)


def build(path, b_zero_point):
    inits = [numpy_helper.from_array(W, "w"), numpy_helper.from_array(b_zero_point, "w_zero_point")]
    nodes = [
        helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "x_scale", "x_zero_point"]),
        helper.make_node("MatMulInteger", ["xq", "w", "x_zero_point", "w_zero_point"], ["y"], name="product"),
    ]
    outputs = [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 20, N]),
               helper.make_tensor_value_info("xq", TensorProto.UINT8, [1, 20, K]),
               helper.make_tensor_value_info("x_zero_point", TensorProto.UINT8, [])]
    graph = helper.make_graph(nodes, "dynamic", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 20, K])],
                              outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def dynamic_quantize_linear(x):
    """ONNX DynamicQuantizeLinear in numpy (f32, round half to even)."""
    lo, hi = np.float32(min(x.min(), 0)), np.float32(max(x.max(), 0))
    scale = np.float32((hi - lo) / np.float32(255))
    zero_point = np.round(np.clip(np.float32(0) - lo / scale, 0, 255))
    return np.clip(np.round(x / scale) + zero_point, 0, 255).astype(np.uint8), np.uint8(zero_point)


class MatMulIntegerTest(unittest.TestCase):
    def check(self, b_zero_point):
        with tempfile.TemporaryDirectory() as tmp:
            model, bundle = os.path.join(tmp, "m.onnx"), os.path.join(tmp, "b")
            build(model, b_zero_point)
            x = RNG.normal(0.3, 1.0, size=(1, 20, K)).astype(np.float32)
            np.save(os.path.join(tmp, "x.npy"), x)
            compiled = ingot_test.ingot("compile", model, "-o", bundle)
            self.assertEqual(compiled.returncode, 0, compiled.stderr)
            report = json.loads(pathlib.Path(bundle, "report.json").read_text())
            ops = [n["op"] for n in report["nodes"]]
            self.assertEqual(ops.count("qmatmul"), 1, ops)
            self.assertNotIn("matmul", ops)
            ran = ingot_test.ingot("run", bundle, "--input", f"x={tmp}/x.npy", "--output-dir", tmp)
            self.assertEqual(ran.returncode, 0, ran.stderr)
            y, xq, zp = (np.load(os.path.join(tmp, f"{name}.npy")) for name in ("y", "xq", "x_zero_point"))
            expected_xq, expected_zp = dynamic_quantize_linear(x)
            self.assertEqual(int(zp), int(expected_zp))
            self.assertLessEqual(int(np.count_nonzero(xq != expected_xq)), 2)  # a tie rounded by another division order
            centred_w = W.astype(np.int64) - b_zero_point.astype(np.int64)
            expected = (xq.astype(np.int64) - int(zp)) @ centred_w
            np.testing.assert_array_equal(y, expected.astype(np.int32))

    def test_one_zero_point_for_b(self):
        self.check(np.array(3, np.int8))

    def test_a_zero_point_per_column_of_b(self):
        self.check(RNG.integers(-5, 6, size=N).astype(np.int8))


if __name__ == "__main__":
    ingot_test.main()
