#!/usr/bin/python3
"""Writes testdata/tiny_cnn.onnx: a small MobileNet-like classifier with seeded
random weights (conv, batch norm, relu6, depthwise conv, residual add, global
pooling, flatten, gemm, softmax), opset 13, 1x3x32x32 input; plus an input
(tiny_cnn.input.npy) and the output that a plain numpy evaluation of the same
network gives (tiny_cnn.expected.npy), independent of ingot. Run it again to
regenerate the same bytes; the tests use the committed files."""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(20261122)


def weight(name, *shape, scale=0.2):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def batch_norm_params(prefix, channels):
    return [
        numpy_helper.from_array(rng.uniform(0.5, 1.5, channels).astype(np.float32), prefix + "_scale"),
        numpy_helper.from_array((rng.standard_normal(channels) * 0.1).astype(np.float32), prefix + "_bias"),
        numpy_helper.from_array((rng.standard_normal(channels) * 0.1).astype(np.float32), prefix + "_mean"),
        numpy_helper.from_array(rng.uniform(0.5, 1.5, channels).astype(np.float32), prefix + "_var"),
    ]


def conv2d(x, w, b=None, stride=1, pad=0, groups=1):
    """Direct convolution, NCHW / OIHW, as ONNX Conv defines it."""
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    y = np.zeros((n, o, oh, ow), np.float64)
    per_group = o // groups
    for oc in range(o):
        g = oc // per_group
        for i in range(kh):
            for j in range(kw):
                patch = x[:, g * cg:(g + 1) * cg, i:i + stride * oh:stride, j:j + stride * ow:stride]
                y[:, oc] += np.einsum("nchw,c->nhw", patch, w[oc, :, i, j])
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def reference(image, params):
    """The network of main(), evaluated in float64 with numpy."""
    p = {k: v.astype(np.float64) for k, v in params.items()}
    x = conv2d(image.astype(np.float64), p["stem_w"], stride=2, pad=1)
    bn = lambda name: [p[name + s].reshape(1, -1, 1, 1) for s in ("_scale", "_bias", "_mean", "_var")]
    scale, bias, mean, var = bn("stem_bn")
    x = (x - mean) / np.sqrt(var + 1e-5) * scale + bias
    stem = np.clip(x, 0.0, 6.0)
    x = np.maximum(conv2d(stem, p["dw_w"], p["dw_b"], pad=1, groups=8), 0.0)
    x = conv2d(x, p["pw_w"], p["pw_b"]) + stem
    features = x.mean(axis=(2, 3))
    logits = features @ p["fc_w"].T + p["fc_b"]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def main():
    initializers = [
        weight("stem_w", 8, 3, 3, 3), *batch_norm_params("stem_bn", 8),
        weight("dw_w", 8, 1, 3, 3), weight("dw_b", 8),
        weight("pw_w", 8, 8, 1, 1), weight("pw_b", 8),
        weight("fc_w", 10, 8), weight("fc_b", 10),
        numpy_helper.from_array(np.array(0.0, np.float32), "relu6_min"),
        numpy_helper.from_array(np.array(6.0, np.float32), "relu6_max"),
    ]
    nodes = [
        helper.make_node("Conv", ["image", "stem_w"], ["stem"], name="stem_conv",
                         kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization",
                         ["stem", "stem_bn_scale", "stem_bn_bias", "stem_bn_mean", "stem_bn_var"],
                         ["stem_bn"], name="stem_bn", epsilon=1e-5),
        helper.make_node("Clip", ["stem_bn", "relu6_min", "relu6_max"], ["stem_act"], name="stem_relu6"),
        helper.make_node("Conv", ["stem_act", "dw_w", "dw_b"], ["dw"], name="depthwise_conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=8),
        helper.make_node("Relu", ["dw"], ["dw_act"], name="depthwise_relu"),
        helper.make_node("Conv", ["dw_act", "pw_w", "pw_b"], ["pw"], name="pointwise_conv", kernel_shape=[1, 1]),
        helper.make_node("Add", ["pw", "stem_act"], ["residual"], name="residual_add"),
        helper.make_node("GlobalAveragePool", ["residual"], ["pooled"], name="pool"),
        helper.make_node("Flatten", ["pooled"], ["features"], name="flatten", axis=1),
        helper.make_node("Gemm", ["features", "fc_w", "fc_b"], ["logits"], name="classifier", transB=1),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "tiny_cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 32, 32])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 10])],
        initializers)
    model = helper.make_model(graph, producer_name="ingot scripts/make_testdata.py",
                              opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    testdata = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata")
    onnx.save(model, os.path.join(testdata, "tiny_cnn.onnx"))
    image = rng.standard_normal((1, 3, 32, 32)).astype(np.float32)
    params = {init.name: numpy_helper.to_array(init) for init in initializers}
    np.save(os.path.join(testdata, "tiny_cnn.input.npy"), image)
    np.save(os.path.join(testdata, "tiny_cnn.expected.npy"), reference(image, params))
    print("wrote tiny_cnn.onnx, tiny_cnn.input.npy, tiny_cnn.expected.npy in", os.path.normpath(testdata))


if __name__ == "__main__":
    main()
