// Static post-training quantization (`ingot compile --quantize int8
// --calibration DIR`): runs the float graph on the reference kernels over
// calibration samples, records the range of every tensor that an int8 op
// would read or write (min-max, or a percentile of each sample averaged over
// the samples), and rewrites the graph into the quantize/dequantize form that
// lower-qdq then turns into integer ops: u8 activations per tensor
// (asymmetric), i8 weights per output channel (symmetric), biases left to
// lower-qdq to round into i32. Ops that only select, move or average values
// (max and average pools, concat, reshape, transpose) between quantized
// layers are quantized too, with parameters shared so that they stay integer:
// a max pool, concat, reshape or transpose, and an average pool, write with
// the parameters they read (one range for all of them and their operands).
//
// It also measures the cost: per layer, and per graph output, the SQNR of the
// quantized graph against the float graph over the same samples. Layers
// named by --keep-float stay float; with --min-sqnr, while an output's SQNR is
// below the target, the quantized layer with the lowest SQNR is put back in
// float and the graph measured again (compiler/compile.cc runs the pass again
// with a higher target when the final program falls short).
#pragma once

#include <functional>
#include <optional>
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
  // Node names that stay float (--keep-float); each must name a node.
  std::vector<std::string> keep_float;
  // The least SQNR in dB every float output of the quantized graph must
  // keep: --min-sqnr's, or above it when the program fell short of it.
  std::optional<double> min_sqnr_db;
  // The weights' bits: 8, or 7 for x86's fastest int8 GEMM (weight_quantization.h).
  int weight_bits = 8;
  // 8 bits whose pairs that could saturate vpmaddubsw are moved to fit
  // (weight_pair_fit.h): `--weight-bits 8-pair-safe`.
  bool pair_safe = false;
};

using CalibrationSamples = std::vector<std::vector<std::vector<uint8_t>>>;  // [sample][graph input] bytes

// What the pass leaves for the rest of the compile: report.json's
// "quantization", and the samples with the float graph's outputs on them,
// against which the final integer program is measured
// (compiler/program_accuracy.h).
struct QuantizationRecord {
  nlohmann::ordered_json report;
  CalibrationSamples samples;
  std::vector<std::vector<std::vector<uint8_t>>> float_outputs;  // [sample][graph output] bytes; empty: not f32
};

// The samples of a calibration set, one buffer per graph input each: a
// folder with <input name>.npy per input, or an .npz archive (np.savez) with
// an array named after each input; each holds either one input, or a stack
// of samples along a new leading axis (the same count for every input).
Result<CalibrationSamples> load_calibration_samples(const std::string& source, const Graph& graph);

// --keep-float must name nodes of the graph: a typo would silently quantize.
// (Both quantization passes check it.)
Status check_keep_float(const Graph& graph, const std::vector<std::string>& names);

// The pass; what it measured goes to *record.
Pass static_quantization_pass(StaticQuantizationOptions options, QuantizationRecord* record);

}  // namespace ingot
