#!/usr/bin/python3
"""Writes testdata/tiny_cnn.onnx: a small MobileNet-like classifier with seeded
random weights (conv, batch norm, relu6, depthwise conv, residual add, global
pooling, flatten, gemm, softmax), opset 13, 1x3x32x32 input. Run it again to
regenerate the same bytes; the tests use the committed file."""

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
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "tiny_cnn.onnx")
    onnx.save(model, out)
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
