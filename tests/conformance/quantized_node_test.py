#!/usr/bin/python3
"""The ONNX backend node tests of the quantized products (QLinearConv,
QLinearMatMul, ConvInteger, MatMulInteger) with their parameters made
constants, as they are in real quantized models: every input but the first
becomes an initializer holding the test's own value. Then ingot must compile
them to the integer ops (qconv, qmatmul; the plain node tests, where scales
and zero points are run-time inputs, take the float path and run in
onnx_conformance.py) and match the expected outputs exactly."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import onnx
from onnx import numpy_helper

INGOT = None
DATA = "/usr/share/libonnx-testdata/data/node"
TESTS = {
    "test_qlinearconv": "qconv",
    "test_qlinearmatmul_2D": "qmatmul",
    "test_qlinearmatmul_3D": "qmatmul",
    "test_basic_convinteger": "qconv",
    "test_convinteger_with_padding": "qconv",
    "test_convinteger_without_padding": "qconv",
    "test_matmulinteger": "qmatmul",
}


def load_pb(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def with_constant_parameters(model, inputs):
    """The model with graph inputs 1.. turned into initializers of their values."""
    graph = model.graph
    keep = graph.input[0]
    for value_info, array in zip(list(graph.input)[1:], inputs[1:]):
        graph.initializer.append(numpy_helper.from_array(array, value_info.name))
    del graph.input[:]
    graph.input.append(keep)
    return model


class QuantizedNodeTest(unittest.TestCase):
    def test_integer_ops_match_the_expected_outputs(self):
        for name, op in TESTS.items():
            with self.subTest(name), tempfile.TemporaryDirectory() as tmp:
                folder = os.path.join(DATA, name)
                if not os.path.isdir(folder):
                    self.skipTest(folder + " is not installed")
                data = os.path.join(folder, "test_data_set_0")
                count = len([f for f in os.listdir(data) if f.startswith("input_")])
                inputs = [load_pb(os.path.join(data, "input_%d.pb" % i)) for i in range(count)]
                expected = load_pb(os.path.join(data, "output_0.pb"))
                model = with_constant_parameters(onnx.load(os.path.join(folder, "model.onnx")), inputs)
                path = os.path.join(tmp, "model.onnx")
                onnx.save(model, path)
                bundle = os.path.join(tmp, "bundle")
                run = subprocess.run([INGOT, "compile", path, "-o", bundle], capture_output=True, text=True, timeout=120)
                self.assertEqual(run.returncode, 0, run.stderr)
                with open(os.path.join(bundle, "report.json")) as f:
                    ops = [n["op"] for n in json.load(f)["nodes"]]
                self.assertEqual(ops, [op], "the program should be the integer op alone")
                x = os.path.join(tmp, "x.npy")
                np.save(x, inputs[0])
                out = os.path.join(tmp, "out")
                run = subprocess.run([INGOT, "run", bundle, "--input", "%s=%s" % (model.graph.input[0].name, x),
                                      "--output-dir", out], capture_output=True, text=True, timeout=120)
                self.assertEqual(run.returncode, 0, run.stderr)
                got = np.load(os.path.join(out, os.listdir(out)[0]))
                self.assertEqual(got.dtype, expected.dtype)
                np.testing.assert_array_equal(got, expected)


def main():
    global INGOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingot", required=True)
    args, rest = parser.parse_known_args()
    INGOT = args.ingot
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
