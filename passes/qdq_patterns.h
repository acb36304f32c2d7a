// Reading quantize / dequantize nodes whose parameters are constants: what
// the lower-qdq rules match on (passes/lower_qdq.cc).
#pragma once

#include <optional>
#include <vector>

#include "ir/graph.h"

namespace ingot {

// One scale and zero point for a whole tensor of an 8-bit dtype.
struct TensorQuant {
  double scale = 1;
  int64_t zero_point = 0;
  DType dtype = DType::u8;

  bool operator==(const TensorQuant&) const = default;
};

// A value that is dequantize(q, scale, zero_point): q and the parameters,
// per tensor (one entry) or per position along `axis`.
struct Dequantized {
  Value* q = nullptr;
  std::vector<double> scales;
  std::vector<int64_t> zero_points;  // as many as scales
  int64_t axis = 0;

  bool per_tensor() const { return scales.size() == 1; }
  TensorQuant tensor_quant() const { return {scales[0], zero_points[0], q->type().dtype}; }
};

// `value` as the output of a dequantize of an 8-bit (or, `allow_i32`, an
// i32) tensor with constant parameters; nullopt otherwise.
std::optional<Dequantized> dequantized(const Value* value, bool allow_i32 = false);

// The parameters of a quantize node to u8 or i8 with constant per-tensor
// parameters.
std::optional<TensorQuant> quantize_params(const Node& quantize);

// True when dequantize reads a constant integer tensor (quantized weights or
// an i32 bias): canonicalize leaves these for lower-qdq instead of folding
// them into float constants.
bool dequantizes_constant(const Node& node);

}  // namespace ingot
