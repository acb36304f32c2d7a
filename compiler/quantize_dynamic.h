// Dynamic quantization (`ingot compile --quantize int8-dynamic`), for models
// whose time goes into matrix products with constant weights (transformers):
// the weights become i8 per output column at compile time; the activation
// they multiply is quantized on every call, from its own range (u8,
// asymmetric, the real 0 exact: ONNX DynamicQuantizeLinear), so no
// calibration data is needed. Each such matmul becomes
//
//   x_min, x_max   = reduce_min(x), reduce_max(x)            (widened to hold 0)
//   scale, zp      = (x_max - x_min) / 255, round(-x_min / scale)
//   acc            = qmatmul(quantize(x, scale, zp), w_i8,   i32, zero points 0,
//                            bias = zp * -colsum(w_i8))
//   y              = dequantize(acc, scale * w_scale)
//
// (w is symmetric, so the activation's zero point comes out of the sum as one
// product per column, its column sums computed here; the product's sums
// start from it, as from a bias). Everything but the
// integer product is a pass over a vector or a scalar.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "passes/pass.h"

namespace ingot {

// The pass: every such matmul but those named in keep_float (--keep-float);
// the layers it quantized go to *report (report.json's "quantization").
Pass dynamic_quantization_pass(std::vector<std::string> keep_float, nlohmann::ordered_json* report);

}  // namespace ingot
