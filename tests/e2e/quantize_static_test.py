#!/usr/bin/python3
"""`ingot compile --quantize int8 --calibration DIR` on a small float CNN built
here with the onnx helper (conv, relu, max pool, a residual add, global
average pool, gemm):

- the program runs on integer ops (qconv, qadd, qmatmul);
- stderr has a progress line per calibration sample;
- report.json's "quantization" gives an SQNR per quantized layer and per
  output, and the output SQNR it claims agrees with what numpy measures
  between the int8 program and the float program on the calibration data;
- on fresh inputs from the same distribution, the int8 outputs stay above
  25 dB SQNR against the float outputs;
- the program for the host (optimized integer kernels) gives the bytes of
  the program for portable (the reference kernels);
- bad use fails cleanly: --quantize without --calibration (exit 1), a
  missing or mis-shaped calibration file (exit 2, naming the file)."""

import json
import os
import platform
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import ingot_test
from ingot_test import ingot


def build(path):
    rng = np.random.default_rng(3)
    inits = []

    def const(name, array):
        inits.append(numpy_helper.from_array(array.astype(np.float32), name))
        return name

    def conv_w(m, c, k):
        return rng.normal(0, np.sqrt(2.0 / (c * k * k)), size=(m, c, k, k))

    nodes = [
        helper.make_node("Conv", ["x", const("w1", conv_w(8, 3, 3)), const("b1", rng.normal(0, 0.1, 8))], ["c1"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", const("w2", conv_w(8, 8, 3)), const("b2", rng.normal(0, 0.1, 8))], ["c2"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("Add", ["r2", "p1"], ["s"]),
        helper.make_node("GlobalAveragePool", ["s"], ["g"]),
        helper.make_node("Flatten", ["g"], ["f"]),
        helper.make_node("Gemm", ["f", const("w3", rng.normal(0, 0.3, (10, 8))), const("b3", rng.normal(0, 0.1, 10))], ["y"], transB=1),
    ]
    graph = helper.make_graph(nodes, "cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def samples(seed, count):
    return np.random.default_rng(seed).normal(0, 1, size=(count, 1, 3, 16, 16)).astype(np.float32)


def sqnr(reference, test):
    noise = np.sum((reference.astype(np.float64) - test) ** 2)
    return 10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / noise) if noise > 0 else 200.0


class QuantizeStaticTest(unittest.TestCase):
    def run_bundle(self, tmp, bundle, x):
        path = os.path.join(tmp, "in.npy")
        np.save(path, x)
        out = os.path.join(tmp, "out")
        run = ingot("run", bundle, "--input", "x=" + path, "--output-dir", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        return np.load(os.path.join(out, "y.npy"))

    def test_int8_program_and_its_accuracy_report(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "cnn.onnx")
            build(model)
            calibration = os.path.join(tmp, "calibration")
            os.mkdir(calibration)
            data = samples(1, 16)
            np.save(os.path.join(calibration, "x.npy"), data)
            float_bundle, int8_bundle = os.path.join(tmp, "f32"), os.path.join(tmp, "int8")
            self.assertEqual(ingot("compile", model, "-o", float_bundle).returncode, 0)
            run = ingot("compile", model, "-o", int8_bundle, "--quantize", "int8", "--calibration", calibration)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("calibration sample 16/16", run.stderr)
            with open(os.path.join(int8_bundle, "report.json")) as f:
                report = json.load(f)
            ops = {n["op"] for n in report["nodes"]}
            for op in ("qconv", "qadd", "qmatmul"):
                self.assertIn(op, ops)
            self.assertNotIn("conv", ops)
            q = report["quantization"]
            self.assertEqual(q["samples"], 16)
            self.assertEqual([layer["op"] for layer in q["layers"]], ["conv", "conv", "add", "gemm"])
            claimed = q["outputs"][0]["sqnr_db"]
            # What numpy measures on the calibration data, int8 program against float program.
            f = np.concatenate([self.run_bundle(tmp, float_bundle, x) for x in data])
            i = np.concatenate([self.run_bundle(tmp, int8_bundle, x) for x in data])
            measured = sqnr(f, i)
            self.assertGreater(measured, 25.0)
            self.assertLess(abs(claimed - measured), 1.0, "report %.2f dB, measured %.2f dB" % (claimed, measured))
            # Fresh inputs of the same distribution.
            fresh = samples(2, 8)
            f = np.concatenate([self.run_bundle(tmp, float_bundle, x) for x in fresh])
            i = np.concatenate([self.run_bundle(tmp, int8_bundle, x) for x in fresh])
            self.assertGreater(sqnr(f, i), 25.0)

    def test_host_integer_kernels_match_the_reference_bit_for_bit(self):
        # The optimized integer kernels (x86: qconv.im2col.*.avx2, or
        # qconv.im2col_w7.*.avx2 where the weights' pairs fit vpmaddubsw)
        # promise the reference kernels' exact integers: a program compiled
        # for the host and one compiled for portable give the same bytes.
        # With 7-bit weights (--weight-bits 7) every such conv runs on im2col_w7,
        # and with pair-safe 8-bit ones (--weight-bits 8-pair-safe) too.
        for bits in ("8", "7", "8-pair-safe"):
            with self.subTest(weight_bits=bits):
                self.check_host_matches_portable(bits)

    def check_host_matches_portable(self, bits):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "cnn.onnx")
            build(model)
            calibration = os.path.join(tmp, "calibration")
            os.mkdir(calibration)
            np.save(os.path.join(calibration, "x.npy"), samples(1, 4))
            bundles = {}
            for target in ("host", "portable"):
                bundles[target] = os.path.join(tmp, target)
                run = ingot("compile", model, "-o", bundles[target], "--target", target, "--quantize", "int8",
                            "--calibration", calibration, "--weight-bits", bits)
                self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(bundles["host"], "report.json")) as f:
                report = json.load(f)
            kernels = [n["kernel"] for n in report["nodes"] if n["op"] == "qconv"]
            self.assertEqual(len(kernels), 2)
            quantization = report["quantization"]
            self.assertEqual(quantization["weight_bits"], 7 if bits == "7" else 8)
            if bits == "8-pair-safe":
                # The two convs' pairs of K: 8 x 3 x 3 x 3 and 8 x 8 x 3 x 3 weights.
                self.assertEqual(quantization["pair_safe"]["pairs"], 8 * 14 + 8 * 36)
                self.assertLessEqual(quantization["pair_safe"]["moved"], quantization["pair_safe"]["pairs"])
            else:
                self.assertNotIn("pair_safe", quantization)
            if platform.machine() in ("x86_64", "AMD64"):
                prefix = "qconv.im2col_w7." if bits != "8" else "qconv.im2col"
                self.assertTrue(all(k.startswith(prefix) for k in kernels), kernels)
            for x in samples(5, 4):
                host = self.run_bundle(tmp, bundles["host"], x)
                portable = self.run_bundle(tmp, bundles["portable"], x)
                self.assertEqual(host.tobytes(), portable.tobytes())

    def test_bad_calibration_is_a_clean_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "cnn.onnx")
            build(model)
            bundle = os.path.join(tmp, "b")
            run = ingot("compile", model, "-o", bundle, "--quantize", "int8")
            self.assertEqual(run.returncode, 1, run.stderr)
            empty = os.path.join(tmp, "empty")
            os.mkdir(empty)
            run = ingot("compile", model, "-o", bundle, "--quantize", "int8", "--calibration", empty)
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("x.npy", run.stderr)
            np.save(os.path.join(empty, "x.npy"), np.zeros((2, 3, 16, 16), np.float32))
            run = ingot("compile", model, "-o", bundle, "--quantize", "int8", "--calibration", empty)
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("neither the input's", run.stderr)
            self.assertFalse(os.path.exists(bundle))
            # --weight-bits: 7 or 8, and only with --quantize int8.
            for bits in ("7", "8-pair-safe"):
                run = ingot("compile", model, "-o", bundle, "--weight-bits", bits)
                self.assertEqual(run.returncode, 1, run.stderr)
                self.assertIn("--weight-bits needs --quantize int8", run.stderr)
            run = ingot("compile", model, "-o", bundle, "--quantize", "int8", "--calibration", empty, "--weight-bits", "6")
            self.assertEqual(run.returncode, 1, run.stderr)


if __name__ == "__main__":
    ingot_test.main()
