#!/usr/bin/env python3
"""ONNX Runtime's own static quantization of a float model: the int8 peer.

Runs under ONNX Runtime 1.21's Python package (the Debian trixie root of
../shared/peers/trixie-chroot.sh; bookworm has no onnxruntime), called by
bench/int8_compare.py:

    chroot /opt/trixie python3 /tmp/int8/ort_quantize.py MODEL.onnx OUT.onnx --calibration CALIB.npy
    chroot /opt/trixie python3 /tmp/int8/ort_quantize.py MODEL.onnx OUT.onnx          (dynamic)

With --calibration: quantize_static with its usual settings for CNNs on
CPUs: QDQ format, per-channel weights, u8 activations, i8 weights, min-max
calibration over the samples of CALIB.npy (a stack along a new leading axis:
the same samples ingot calibrates on). Without: quantize_dynamic, i8
weights per channel, the activations quantized per call (MatMulInteger),
the peer of `ingot compile --quantize int8-dynamic`.
"""
import argparse

import numpy as np
import onnx
# Debian's onnxruntime and python3-onnx share one libonnx schema registry;
# onnx.reference (which the quantizer imports) must build its op table before
# onnxruntime adds its internal-domain schemas, or it refuses the duplicates.
import onnx.reference  # noqa: F401
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_dynamic, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process


class Samples(CalibrationDataReader):
    def __init__(self, input_name, stack):
        self.feeds = iter([{input_name: sample} for sample in stack])

    def get_next(self):
        return next(self.feeds, None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--calibration", help="a stack of calibration inputs (.npy); without it, dynamic quantization")
    args = parser.parse_args()
    if args.calibration is None:
        quantize_dynamic(args.model, args.out, per_channel=True, weight_type=QuantType.QInt8)
        print(f"{args.out}: quantized dynamically by onnxruntime")
        return
    input_name = onnx.load(args.model).graph.input[0].name
    stack = np.load(args.calibration).astype(np.float32)
    preprocessed = args.out + ".pre.onnx"
    # ONNX Runtime's recommended step before quantizing: shape inference and
    # its graph optimizations (batch norm folding and the like).
    quant_pre_process(args.model, preprocessed)
    quantize_static(preprocessed, args.out, Samples(input_name, stack), quant_format=QuantFormat.QDQ,
                    per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    print(f"{args.out}: quantized by onnxruntime over {len(stack)} samples")


if __name__ == "__main__":
    main()
