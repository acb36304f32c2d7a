#!/usr/bin/python3
"""A small QDQ model (as ONNX Runtime's quantize_static writes them: per-channel
symmetric int8 weights, u8 activations, i32 biases) built here with the onnx
helper, compiled by `ingot` and run:

  x -> Q -> DQ -> Conv(DQ w, DQ b) -> Relu -> Q -> DQ -> MaxPool -> Q -> DQ ---+
                                                    \\-> DQ -> Conv(1x1) -> Q -> DQ -> Add -> Q -> DQ
  -> Reshape -> Q -> DQ -> Gemm(DQ w, DQ c, transB) -> Q -> DQ -> y

lower-qdq must turn it into qconv, qadd and qmatmul, and the outputs must
match a numpy computation of the model's QDQ definition (dequantize, float
ops in double, quantize with round-half-even) to within one quantization step,
with nearly every value exact. The same model with `--disable-pass lower-qdq`
(the float reference kernels) must agree the same way."""

import json
import os
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import ingot_test
from ingot_test import ingot

RNG = np.random.default_rng(5)


# ---- the model -------------------------------------------------------------

def quant_params(lo, hi):
    """u8 scale and zero point covering [lo, hi] (and 0)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255.0
    return np.float32(scale), np.uint8(round(-lo / scale))


def conv_weights(m, c, k):
    w = RNG.normal(0, 0.3, size=(m, c, k, k)).astype(np.float32)
    scales = (np.abs(w).reshape(m, -1).max(axis=1) / 127.0).astype(np.float32)
    q = np.clip(np.round(w / scales[:, None, None, None]), -127, 127).astype(np.int8)
    return q, scales


class Builder:
    def __init__(self):
        self.nodes, self.inits = [], []

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op, inputs, output, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def q(self, x, scale, zp, name):
        s = self.const(name + "_s", np.array(scale, np.float32))
        z = self.const(name + "_z", np.array(zp, np.uint8))
        return self.node("QuantizeLinear", [x, s, z], name), (scale, zp)

    def dq(self, q, params, name):
        s = self.const(name + "_s", np.array(params[0], np.float32))
        z = self.const(name + "_z", np.array(params[1], np.uint8))
        return self.node("DequantizeLinear", [q, s, z], name)

    def dq_weights(self, q, scales, name, axis):
        s = self.const(name + "_s", scales)
        z = self.const(name + "_z", np.zeros(scales.shape, np.int8))
        return self.node("DequantizeLinear", [self.const(name + "_q", q), s, z], name, axis=axis)

    def dq_bias(self, bias, scales, name):
        q = np.round(bias / scales).astype(np.int32)
        s = self.const(name + "_s", scales.astype(np.float32))
        return self.node("DequantizeLinear", [self.const(name + "_q", q), s], name, axis=0)


def build(path):
    """Writes the model; returns its description for the numpy reference."""
    b = Builder()
    spec = {}
    x_params = (np.float32(4.0 / 255), np.uint8(128))
    xq, _ = b.q("x", *x_params, "xq")
    xf = b.dq(xq, x_params, "xf")
    w1, w1s = conv_weights(8, 3, 3)
    b1 = RNG.normal(0, 0.2, 8).astype(np.float32)
    c1 = b.node("Conv", [xf, b.dq_weights(w1, w1s, "w1", 0), b.dq_bias(b1, x_params[0] * w1s, "b1")], "c1",
                pads=[1, 1, 1, 1], strides=[1, 1])
    r1 = b.node("Relu", [c1], "r1")
    a1_params = quant_params(0, 3.0)
    a1, _ = b.q(r1, *a1_params, "a1")
    p = b.node("MaxPool", [b.dq(a1, a1_params, "a1f")], "p", kernel_shape=[2, 2], strides=[2, 2])
    pq, _ = b.q(p, *a1_params, "pq")
    pf = b.dq(pq, a1_params, "pf")
    w2, w2s = conv_weights(8, 8, 1)
    b2 = RNG.normal(0, 0.2, 8).astype(np.float32)
    c2 = b.node("Conv", [pf, b.dq_weights(w2, w2s, "w2", 0), b.dq_bias(b2, a1_params[0] * w2s, "b2")], "c2")
    a2_params = quant_params(-4.0, 4.0)
    a2, _ = b.q(c2, *a2_params, "a2")
    s = b.node("Add", [b.dq(pq, a1_params, "pf2"), b.dq(a2, a2_params, "a2f")], "s")
    a3_params = quant_params(-3.0, 6.0)
    a3, _ = b.q(s, *a3_params, "a3")
    flat = b.node("Reshape", [b.dq(a3, a3_params, "a3f"), b.const("shape", np.array([1, 8 * 4 * 4], np.int64))], "flat")
    fq, _ = b.q(flat, *a3_params, "fq")
    w3 = RNG.normal(0, 0.1, size=(10, 128)).astype(np.float32)
    w3s = (np.abs(w3).max(axis=1) / 127.0).astype(np.float32)
    w3q = np.clip(np.round(w3 / w3s[:, None]), -127, 127).astype(np.int8)
    c3 = RNG.normal(0, 0.2, 10).astype(np.float32)
    g = b.node("Gemm", [b.dq(fq, a3_params, "ff"), b.dq_weights(w3q, w3s, "w3", 0), b.dq_bias(c3, a3_params[0] * w3s, "c3")],
               "g", transB=1)
    y_params = quant_params(-8.0, 8.0)
    yq, _ = b.q(g, *y_params, "yq")
    b.dq(yq, y_params, "y")
    graph = helper.make_graph(b.nodes, "qdq", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], b.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)
    spec.update(x=x_params, w1=(w1, w1s), b1=np.round(b1 / (x_params[0] * w1s)).astype(np.int32), a1=a1_params,
                w2=(w2, w2s), b2=np.round(b2 / (a1_params[0] * w2s)).astype(np.int32), a2=a2_params, a3=a3_params,
                w3=(w3q, w3s), c3=np.round(c3 / (a3_params[0] * w3s)).astype(np.int32), y=y_params)
    return spec


# ---- the numpy reference: the QDQ definition in double ---------------------

def quantize(x, params):
    scale, zp = params
    return np.clip(np.round(x / np.float32(scale)) + int(zp), 0, 255)  # np.round: half to even, as QuantizeLinear


def dequantize(q, params):
    return (q.astype(np.float64) - int(params[1])) * float(params[0])


def conv2d(x, w, bias, pad):
    n, c, h, wd = x.shape
    m, _, k, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((n, m, h + 2 * pad - k + 1, wd + 2 * pad - k + 1))
    for i in range(k):
        for j in range(k):
            patch = xp[:, :, i:i + out.shape[2], j:j + out.shape[3]]
            out += np.einsum("nchw,mc->nmhw", patch, w[:, :, i, j])
    return out + bias[None, :, None, None]


def reference(spec, x):
    xf = dequantize(quantize(x, spec["x"]), spec["x"])
    w1, w1s = spec["w1"]
    c1 = conv2d(xf, w1 * w1s.astype(np.float64)[:, None, None, None], spec["b1"] * (float(spec["x"][0]) * w1s.astype(np.float64)), 1)
    a1 = dequantize(quantize(np.maximum(c1, 0), spec["a1"]), spec["a1"])
    p = a1.reshape(1, 8, 4, 2, 4, 2).max(axis=(3, 5))
    pf = dequantize(quantize(p, spec["a1"]), spec["a1"])
    w2, w2s = spec["w2"]
    c2 = conv2d(pf, w2 * w2s.astype(np.float64)[:, None, None, None], spec["b2"] * (float(spec["a1"][0]) * w2s.astype(np.float64)), 0)
    a2 = dequantize(quantize(c2, spec["a2"]), spec["a2"])
    a3 = dequantize(quantize(pf + a2, spec["a3"]), spec["a3"])
    w3, w3s = spec["w3"]
    g = a3.reshape(1, 128) @ (w3 * w3s.astype(np.float64)[:, None]).T + spec["c3"] * (float(spec["a3"][0]) * w3s.astype(np.float64))
    return quantize(g, spec["y"]), spec["y"]


class QdqModelTest(unittest.TestCase):
    def compile_and_run(self, tmp, model, x, *flags):
        bundle = os.path.join(tmp, "bundle" + "".join(flags).replace("-", "_"))
        run = ingot("compile", model, "-o", bundle, *flags)
        self.assertEqual(run.returncode, 0, run.stderr)
        out = os.path.join(bundle, "out")
        run = ingot("run", bundle, "--input", "x=" + os.path.join(tmp, "x.npy"), "--output-dir", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(os.path.join(bundle, "report.json")) as f:
            report = json.load(f)
        return np.load(os.path.join(out, "y.npy")), report

    def check_steps(self, got, want_q, params):
        steps = np.abs(np.round(got.astype(np.float64) / float(params[0])) + int(params[1]) - want_q)
        self.assertLessEqual(steps.max(), 1, "more than one quantization step off")
        self.assertGreaterEqual(np.mean(steps == 0), 0.8, "too many values one step off")

    def test_lowered_to_integer_ops_and_matches_numpy(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "qdq.onnx")
            spec = build(model)
            for seed in range(3):
                x = np.random.default_rng(seed).uniform(-2, 2, size=(1, 3, 8, 8)).astype(np.float32)
                np.save(os.path.join(tmp, "x.npy"), x)
                want_q, y_params = reference(spec, x)
                got, report = self.compile_and_run(tmp, model, x)
                ops = sorted({n["op"] for n in report["nodes"]})
                for op in ("qconv", "qadd", "qmatmul"):
                    self.assertIn(op, ops)
                self.assertNotIn("conv", ops)
                self.check_steps(got, want_q, y_params)
                float_path, report = self.compile_and_run(tmp, model, x, "--disable-pass", "lower-qdq")
                self.assertIn("conv", {n["op"] for n in report["nodes"]})
                self.check_steps(float_path, want_q, y_params)


if __name__ == "__main__":
    ingot_test.main()
