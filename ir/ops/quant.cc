// Affine quantization: real = scale * (q - zero_point).
//
// Scale and zero point are operands (they may be computed at run time, as in
// DynamicQuantizeLinear). They are per-tensor (one element: rank 0, or rank 1
// of size 1) or per-axis (rank 1, one entry per slice of x along `axis`).
// `axis` is non-negative; it is 0 for per-tensor parameters.
#include <fmt/format.h>

#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

bool quantized_dtype(DType dtype) {
  return dtype == DType::u8 || dtype == DType::i8 || dtype == DType::u16 || dtype == DType::i16;
}

bool per_tensor(const Shape& shape) { return shape.empty() || shape == Shape{1}; }

// Checks scale (float) and the optional zero point against x and axis.
Status check_parameters(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& scale = input_type(node, 1);
  if (!is_float(scale.dtype)) return Status::invalid(fmt::format("the scale must be a float tensor, not {}", dtype_name(scale.dtype)));
  const int64_t axis = node.attr_i("axis");
  if (per_tensor(scale.shape)) {
    if (axis != 0) return Status::invalid(fmt::format("axis must be 0 for a per-tensor scale, not {}", axis));
  } else {
    if (scale.rank() != 1) return Status::invalid(fmt::format("the scale must be a scalar or 1-D, not [{}]", shape_to_string(scale.shape)));
    if (axis < 0 || axis >= x.rank()) return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, x.rank()));
    if (scale.shape[0] != x.shape[axis]) {
      return Status::invalid(fmt::format("the scale has {} entries but axis {} has {}", scale.shape[0], axis, x.shape[axis]));
    }
  }
  if (const Value* zero_point = node.input(2)) {
    const Shape& zp = zero_point->type().shape;
    if (zp != scale.shape && !(per_tensor(zp) && per_tensor(scale.shape))) {
      return Status::invalid(fmt::format("the zero point [{}] does not match the scale [{}]", shape_to_string(zp),
                                         shape_to_string(scale.shape)));
    }
  }
  return {};
}

Types quantize_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (!is_float(x.dtype) && x.dtype != DType::i32) {
    return Status::invalid(fmt::format("quantize takes a float or i32 input, not {}", dtype_name(x.dtype)));
  }
  INGOT_RETURN_IF_ERROR(check_parameters(node));
  DType out = DType::u8;
  if (const Value* zero_point = node.input(2)) {
    out = zero_point->type().dtype;
    if (!quantized_dtype(out)) return Status::invalid(fmt::format("the zero point must be u8, i8, u16 or i16, not {}", dtype_name(out)));
  }
  return std::vector<TensorType>{{out, x.shape}};
}

Types dequantize_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  if (!quantized_dtype(x.dtype) && x.dtype != DType::i32) {
    return Status::invalid(fmt::format("dequantize takes u8, i8, u16, i16 or i32, not {}", dtype_name(x.dtype)));
  }
  INGOT_RETURN_IF_ERROR(check_parameters(node));
  if (const Value* zero_point = node.input(2); zero_point && zero_point->type().dtype != x.dtype) {
    return Status::invalid("the zero point must have the input's dtype");
  }
  return std::vector<TensorType>{{input_type(node, 1).dtype, x.shape}};
}

constexpr AttrSpec kAxis{"axis", AttrType::i64, true};

}  // namespace

std::vector<OpInfo> quant_ops() {
  return {
      {OpKind::quantize, {{"x"}, {"scale"}, {"zero_point", true}}, {kAxis}, 1, quantize_rule,
       "saturate(round_half_even(x / scale) + zero_point); the dtype of zero_point (u8 without one)"},
      {OpKind::dequantize, {{"x"}, {"scale"}, {"zero_point", true}}, {kAxis}, 1, dequantize_rule,
       "(x - zero_point) * scale, in the scale's float dtype"},
  };
}

}  // namespace ingot::ops
