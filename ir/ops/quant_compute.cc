// Integer arithmetic on quantized tensors: qconv, qmatmul, qadd, qavg_pool.
//
// Every number these ops need is an integer attribute of the node: the
// operands' zero points and the fixed-point requantization of the i32
// accumulator (a multiplier in [0, 2^31) and a shift, per tensor or per
// output channel; gemmlowp's arithmetic, runtime-stub/kernels/portable/
// requantize.h). The real scales stay with the compiler, which derives the
// multipliers once (passes/fixed_point.h), so every kernel of every ISA
// computes the same bits from the same integers.
//
// y_dtype "u8" or "i8": the accumulator is requantized, offset by
// y_zero_point and clamped to [y_min, y_max] (a fused relu is a clamp at the
// zero point). y_dtype "i32": the raw accumulator (ONNX ConvInteger,
// MatMulInteger); no requantization attribute may be set.
#include <fmt/format.h>

#include <limits>

#include "ir/ops/families.h"
#include "ir/ops/linalg_shapes.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

bool is_8bit(DType dtype) { return dtype == DType::u8 || dtype == DType::i8; }

int64_t lowest(DType dtype) { return dtype == DType::u8 ? 0 : dtype == DType::i8 ? -128 : std::numeric_limits<int32_t>::min(); }
int64_t highest(DType dtype) { return dtype == DType::u8 ? 255 : dtype == DType::i8 ? 127 : std::numeric_limits<int32_t>::max(); }

Status check_in_range(std::string_view name, int64_t value, DType dtype) {
  if (value < lowest(dtype) || value > highest(dtype)) {
    return Status::invalid(fmt::format("{} {} is outside the range of {}", name, value, dtype_name(dtype)));
  }
  return {};
}

// An 8-bit operand and its zero point attribute (a single value).
Status check_operand(const Node& node, size_t index, std::string_view zero_point) {
  const TensorType& type = input_type(node, index);
  if (!is_8bit(type.dtype)) {
    return Status::invalid(fmt::format("operand {} must be u8 or i8, not {}", index, dtype_name(type.dtype)));
  }
  return check_in_range(zero_point, node.attr_i(zero_point), type.dtype);
}

// A list attribute of one entry (per tensor) or `channels` entries, each in [lo, hi].
Status check_list(const Node& node, std::string_view name, int64_t channels, int64_t lo, int64_t hi, bool required) {
  if (!node.has_attr(name)) return required ? Status::invalid(fmt::format("{} is required", name)) : Status{};
  const std::vector<int64_t> values = node.attr_ints(name);
  if (values.size() != 1 && static_cast<int64_t>(values.size()) != channels) {
    return Status::invalid(fmt::format("{} must have 1 or {} entries, not {}", name, channels, values.size()));
  }
  for (int64_t v : values) {
    if (v < lo || v > hi) return Status::invalid(fmt::format("{} holds {}, outside [{}, {}]", name, v, lo, hi));
  }
  return {};
}

// The output dtype and, for an 8-bit output, the requantization attributes
// (`channels`: how many multipliers and shifts a per-channel node has).
Result<DType> check_output(const Node& node, int64_t channels, bool allow_i32) {
  const std::optional<DType> dtype = parse_dtype(node.attr_s("y_dtype"));
  if (!dtype || !(is_8bit(*dtype) || (allow_i32 && *dtype == DType::i32))) {
    return Status::invalid(fmt::format("y_dtype must be u8, i8{}, not '{}'", allow_i32 ? " or i32" : "", node.attr_s("y_dtype")));
  }
  if (*dtype == DType::i32) {
    for (std::string_view name : {"multiplier", "shift", "y_zero_point", "y_min", "y_max"}) {
      if (node.has_attr(name)) return Status::invalid(fmt::format("an i32 result is not requantized: {} must be absent", name));
    }
    return *dtype;
  }
  INGOT_RETURN_IF_ERROR(check_list(node, "multiplier", channels, 0, std::numeric_limits<int32_t>::max(), true));
  INGOT_RETURN_IF_ERROR(check_list(node, "shift", channels, -31, 30, true));
  if (node.attr_ints("multiplier").size() != node.attr_ints("shift").size()) {
    return Status::invalid("multiplier and shift must have as many entries");
  }
  INGOT_RETURN_IF_ERROR(check_in_range("y_zero_point", node.attr_i("y_zero_point"), *dtype));
  const int64_t y_min = node.attr_i("y_min", lowest(*dtype));
  const int64_t y_max = node.attr_i("y_max", highest(*dtype));
  INGOT_RETURN_IF_ERROR(check_in_range("y_min", y_min, *dtype));
  INGOT_RETURN_IF_ERROR(check_in_range("y_max", y_max, *dtype));
  if (y_min > y_max) return Status::invalid(fmt::format("y_min {} is above y_max {}", y_min, y_max));
  return *dtype;
}

// The optional i32 bias: one value per output channel, in the accumulator's scale.
Status check_bias(const Node& node, int64_t channels) {
  const Value* bias = node.input(2);
  if (bias == nullptr) return {};
  if (bias->type().dtype != DType::i32 || bias->type().shape != Shape{channels}) {
    return Status::invalid(fmt::format("the bias must be i32[{}], not {}", channels, type_to_string(bias->type())));
  }
  return {};
}

Types qconv_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& w = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_operand(node, 0, "x_zero_point"));
  if (!is_8bit(w.dtype)) return Status::invalid(fmt::format("the weight must be u8 or i8, not {}", dtype_name(w.dtype)));
  if (x.rank() < 3 || w.rank() != x.rank()) {
    return Status::invalid(fmt::format("x and w must share one rank of 3 or more, not {} and {}", x.rank(), w.rank()));
  }
  const int64_t channels = w.shape[0];
  INGOT_RETURN_IF_ERROR(check_list(node, "w_zero_point", channels, lowest(w.dtype), highest(w.dtype), false));
  INGOT_RETURN_IF_ERROR(check_bias(node, channels));
  INGOT_ASSIGN_OR_RETURN(Shape out, conv_output_shape(node));
  INGOT_ASSIGN_OR_RETURN(DType dtype, check_output(node, channels, true));
  return std::vector<TensorType>{{dtype, out}};
}

// a [..., M, K] x b [..., K, N]; the batch dims broadcast.
Types qmatmul_rule(const Node& node) {
  const TensorType& a = input_type(node, 0);
  const TensorType& b = input_type(node, 1);
  INGOT_RETURN_IF_ERROR(check_operand(node, 0, "a_zero_point"));
  if (!is_8bit(b.dtype)) return Status::invalid(fmt::format("b must be u8 or i8, not {}", dtype_name(b.dtype)));
  if (a.rank() < 2 || b.rank() < 2) return Status::invalid("qmatmul operands must have rank 2 or more");
  const int64_t k = a.shape.back(), n = b.shape.back();
  if (b.shape[b.shape.size() - 2] != k) {
    return Status::invalid(fmt::format("inner dims differ: [{}] x [{}]", shape_to_string(a.shape), shape_to_string(b.shape)));
  }
  INGOT_ASSIGN_OR_RETURN(Shape out, broadcast(Shape(a.shape.begin(), a.shape.end() - 2), Shape(b.shape.begin(), b.shape.end() - 2)));
  out.push_back(a.shape[a.shape.size() - 2]);
  out.push_back(n);
  INGOT_RETURN_IF_ERROR(check_list(node, "b_zero_point", n, lowest(b.dtype), highest(b.dtype), false));
  INGOT_RETURN_IF_ERROR(check_bias(node, n));
  INGOT_ASSIGN_OR_RETURN(DType dtype, check_output(node, n, true));
  return std::vector<TensorType>{{dtype, out}};
}

// Each operand is rescaled to a common scale (its own multiplier and shift,
// after a left shift of 20 bits), the two are added, and the sum is
// requantized to y.
Types qadd_rule(const Node& node) {
  INGOT_RETURN_IF_ERROR(check_operand(node, 0, "a_zero_point"));
  INGOT_RETURN_IF_ERROR(check_operand(node, 1, "b_zero_point"));
  INGOT_RETURN_IF_ERROR(check_list(node, "a_multiplier", 1, 0, std::numeric_limits<int32_t>::max(), true));
  INGOT_RETURN_IF_ERROR(check_list(node, "b_multiplier", 1, 0, std::numeric_limits<int32_t>::max(), true));
  // The operands' multipliers are below 1 (they divide by twice the larger scale).
  INGOT_RETURN_IF_ERROR(check_list(node, "a_shift", 1, -31, 0, true));
  INGOT_RETURN_IF_ERROR(check_list(node, "b_shift", 1, -31, 0, true));
  INGOT_ASSIGN_OR_RETURN(Shape out, broadcast(input_type(node, 0).shape, input_type(node, 1).shape));
  INGOT_ASSIGN_OR_RETURN(DType dtype, check_output(node, 1, false));
  return std::vector<TensorType>{{dtype, out}};
}

// The mean over each window, in fixed point: the window's centred sum
// divided by its element count to 8 fractional bits (rounded half away from
// zero), then requantized to y, whose dtype is x's. The multiplier stands for
// x_scale / (2^8 * y_scale): the 8 bits keep the mean's fraction through a
// scale change. A global average pool is one window over all spatial dims.
Types qavg_pool_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  INGOT_RETURN_IF_ERROR(check_operand(node, 0, "x_zero_point"));
  if (x.rank() < 3) return Status::invalid(fmt::format("the input must have rank 3 or more (N, C, spatial...), not {}", x.rank()));
  INGOT_RETURN_IF_ERROR(flag(node, "count_include_pad").status());
  INGOT_ASSIGN_OR_RETURN(Shape out, pooled_shape(node));
  INGOT_ASSIGN_OR_RETURN(DType dtype, check_output(node, 1, false));
  if (dtype != x.dtype) return Status::invalid(fmt::format("y_dtype must be the input's {}, not {}", dtype_name(x.dtype), dtype_name(dtype)));
  return std::vector<TensorType>{{dtype, out}};
}

constexpr AttrSpec kYDtype{"y_dtype", AttrType::str, true};
constexpr AttrSpec kMultiplier{"multiplier", AttrType::i64s};
constexpr AttrSpec kShift{"shift", AttrType::i64s};
constexpr AttrSpec kYZeroPoint{"y_zero_point", AttrType::i64};
constexpr AttrSpec kYMin{"y_min", AttrType::i64};
constexpr AttrSpec kYMax{"y_max", AttrType::i64};

}  // namespace

std::vector<OpInfo> quant_compute_ops() {
  return {
      {OpKind::qconv,
       {{"x"}, {"w"}, {"bias", true}},
       {{"strides", AttrType::i64s, true},
        {"pads", AttrType::i64s, true},
        {"dilations", AttrType::i64s, true},
        {"group", AttrType::i64, true},
        {"x_zero_point", AttrType::i64, true},
        {"w_zero_point", AttrType::i64s},
        kYDtype, kMultiplier, kShift, kYZeroPoint, kYMin, kYMax},
       1,
       qconv_rule,
       "integer conv: acc[m] = bias[m] + sum (x - x_zero_point) * (w - w_zero_point[m]) in i32, padding reads as "
       "x_zero_point; y = clamp(requantize(acc, multiplier[m], shift[m]) + y_zero_point, y_min, y_max), or acc for "
       "y_dtype i32"},
      {OpKind::qmatmul,
       {{"a"}, {"b"}, {"bias", true}},
       {{"a_zero_point", AttrType::i64, true}, {"b_zero_point", AttrType::i64s}, kYDtype, kMultiplier, kShift,
        kYZeroPoint, kYMin, kYMax},
       1,
       qmatmul_rule,
       "integer matmul, a [..,M,K] b [..,K,N] with broadcast batch dims: acc[n] = bias[n] + sum (a - a_zero_point) * "
       "(b - b_zero_point[n]) in i32, requantized per tensor or per column n as qconv"},
      {OpKind::qadd,
       {{"a"}, {"b"}},
       {{"a_zero_point", AttrType::i64, true},
        {"b_zero_point", AttrType::i64, true},
        {"a_multiplier", AttrType::i64s, true},
        {"a_shift", AttrType::i64s, true},
        {"b_multiplier", AttrType::i64s, true},
        {"b_shift", AttrType::i64s, true},
        kYDtype, kMultiplier, kShift, kYZeroPoint, kYMin, kYMax},
       1,
       qadd_rule,
       "integer add with numpy broadcast: requantize((a - a_zero_point) << 20, a_multiplier, a_shift) + the same of b, "
       "requantized to y as qconv"},
      {OpKind::qavg_pool,
       {{"x"}},
       {{"kernel_shape", AttrType::i64s, true},
        {"strides", AttrType::i64s, true},
        {"pads", AttrType::i64s, true},
        {"dilations", AttrType::i64s, true},
        {"ceil_mode", AttrType::i64, true},
        {"count_include_pad", AttrType::i64, true},
        {"x_zero_point", AttrType::i64, true},
        kYDtype, kMultiplier, kShift, kYZeroPoint, kYMin, kYMax},
       1,
       qavg_pool_rule,
       "integer average pool: mean = round(sum (x - x_zero_point) * 2^8 / count) over each window (count as avg_pool "
       "counts it), y = clamp(requantize(mean, multiplier, shift) + y_zero_point, y_min, y_max) in x's dtype"},
  };
}

}  // namespace ingot::ops
