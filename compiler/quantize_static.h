// Static post-training quantization (`ingot compile --quantize int8
// --calibration DIR`): runs the float graph on the reference kernels over
// calibration samples, records the range of every tensor that an int8 op
// would read or write (min-max, or a percentile of each sample averaged over
// the samples), and rewrites the graph into the quantize/dequantize form that
// lower-qdq then turns into integer ops: u8 activations per tensor
// (asymmetric), i8 weights per output channel (symmetric), biases left to
// lower-qdq to round into i32. It also measures the cost: per layer, and per
// graph output, the SQNR of the quantized graph against the float graph over
// the same samples.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ir/graph.h"
#include "ir/status.h"
#include "passes/pass.h"

namespace ingot {

struct StaticQuantizationOptions {
  std::string calibration_dir;
  std::string observer = "minmax";  // or "percentile"
  double percentile = 99.99;        // the observer "percentile": of each sample's values, both tails
  // Called before each calibration and accuracy run: (what, sample, samples).
  std::function<void(const char*, int, int)> progress;
};

// The samples of a calibration folder, one buffer per graph input each:
// DIR/<input name>.npy holding either one input, or a stack of samples along
// a new leading axis (the same count for every input).
Result<std::vector<std::vector<std::vector<uint8_t>>>> load_calibration_samples(const std::string& dir,
                                                                                const Graph& graph);

// The pass; what it measured goes to *report (report.json's "quantization").
Pass static_quantization_pass(StaticQuantizationOptions options, nlohmann::ordered_json* report);

}  // namespace ingot
