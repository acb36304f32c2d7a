#include "compiler/kernel_variants.h"

#include <algorithm>

#include <fmt/format.h>

#include "ir/conv_kernel.h"
#include "kernels/simd/conv_direct_f32.h"
#include "kernels/simd/depthwise_interleaved_f32.h"
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/simd/pack_f32.h"
#include "kernels/simd/winograd_f32.h"
#include "kernels/simd/qavg_pool_global.h"
#include "kernels/simd/qconv_depthwise_shape.h"
#include "kernels/x86/qgemm_w7_pairs.h"
#include "kernels/x86/qmatmul_tiled_shape.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

constexpr DType kf32 = DType::f32;
constexpr DType ku8 = DType::u8;  // the integer ops' variants: their output's dtype
constexpr DType ki8 = DType::i8;
constexpr DType ki32 = DType::i32;  // qmatmul's raw sums

std::optional<std::string> activation_unfit(const AttrMap& attrs) {
  auto it = attrs.find("activation");
  if (it == attrs.end()) return std::nullopt;
  const std::string& kind = std::get<std::string>(it->second);
  if (kind == "relu" || kind == "clip" || kind == "silu") return std::nullopt;  // kernels/simd/fused_activation.h
  return fmt::format("fused activation {} is not vectorized yet", kind);
}

// The elements of `result` per element of `operand` when the operand is
// the result's leading dims followed by ones (binary_f32.h's operand_block),
// 1 when it has the result's size, 0 otherwise.
int64_t operand_block(const Shape& operand, const Shape& result) {
  const int64_t n = num_elements(result), m = num_elements(operand);
  if (m == n) return 1;
  if (m == 1) return n;
  if (m <= 0 || operand.size() > result.size()) return 0;
  const size_t lead = result.size() - operand.size();
  auto dim = [&](size_t d) { return d < lead ? int64_t{1} : operand[d - lead]; };
  size_t d = 0;
  while (d < result.size() && dim(d) == result[d]) ++d;
  for (size_t e = d; e < result.size(); ++e) {
    if (dim(e) != 1) return 0;
  }
  return n / m;
}

// The elements of `operand` when it is the result's trailing dims (ones
// before them: a bias row [N] against [..., N]; binary_f32.h's
// operand_period), 0 otherwise.
int64_t operand_period(const Shape& operand, const Shape& result) {
  const int64_t n = num_elements(result), m = num_elements(operand);
  if (m <= 1 || m >= n || operand.size() > result.size()) return 0;
  const size_t lead = result.size() - operand.size();
  auto dim = [&](size_t d) { return d < lead ? int64_t{1} : operand[d - lead]; };
  size_t d = result.size();
  while (d > 0 && dim(d - 1) == result[d - 1]) --d;
  for (size_t e = 0; e < d; ++e) {
    if (dim(e) != 1) return 0;
  }
  return m;
}

// add, sub, mul, div (binary_f32.h): each operand has the result's size, is
// a single element, holds one value per leading index (a per-channel
// [N, C, 1, 1] against [N, C, H, W]) or is the result's trailing dims (a
// bias row); not both of the last two kinds.
std::optional<std::string> binary_operands_unfit(const Node& node) {
  const Shape& result = node.output(0)->type().shape;
  const int64_t n = num_elements(result);
  int64_t spread = 0;
  for (const Value* operand : node.inputs()) {
    const int64_t block = operand_block(operand->type().shape, result);
    const int64_t period = block == 0 ? operand_period(operand->type().shape, result) : 0;
    if (block == 0 && period == 0) {
      return fmt::format("broadcasting {} against the result {} is not vectorized yet",
                         type_to_string(operand->type()), type_to_string(node.output(0)->type()));
    }
    if (period > 0 || (block > 1 && block < n)) ++spread;
  }
  if (spread > 1) return std::string("two broadcast operands are not vectorized yet");
  return std::nullopt;
}

bool all_equal(const std::vector<int64_t>& values, int64_t expected) {
  return std::all_of(values.begin(), values.end(), [&](int64_t v) { return v == expected; });
}

// linalg_f32.h: b is 2-D (weights) or has exactly a's batch dims.
std::optional<std::string> matmul_unfit(const Node& node) {
  const Shape& a = node.input(0)->type().shape;
  const Shape& b = node.input(1)->type().shape;
  if (a.size() < 2 || b.size() < 2) return std::string("vector operands are not vectorized yet");
  if (b.size() > 2 && (b.size() != a.size() || !std::equal(a.begin(), a.end() - 2, b.begin()))) {
    return std::string("broadcasting batch dims is not vectorized yet");
  }
  return std::nullopt;
}

std::optional<std::string> gemm_unfit(const Node& node) {
  if (node.attr_i("trans_a") != 0 || node.attr_i("trans_b") != 0) {
    return std::string("a transposed operand that is not a constant weight is not vectorized yet");
  }
  if (node.attr_f("alpha", 1.0) != 1.0) return std::string("alpha other than 1 is not vectorized yet");
  if (const Value* c = node.input(2)) {
    if (node.attr_f("beta", 1.0) != 1.0) return std::string("beta other than 1 is not vectorized yet");
    if (num_elements(c->type().shape) != node.output(0)->type().shape[1]) {
      return std::string("c other than one value per column is not vectorized yet");
    }
  }
  return std::nullopt;
}

std::optional<std::string> pointwise_conv_unfit(const Node& node) {
  const Shape& w = node.input(1)->type().shape;
  const bool pointwise = std::all_of(w.begin() + 2, w.end(), [](int64_t k) { return k == 1; });
  if (!pointwise || node.attr_i("group", 1) != 1 || !all_equal(node.attr_ints("strides"), 1) ||
      !all_equal(node.attr_ints("pads"), 0)) {
    return std::string("not a 1x1 convolution with unit strides, no padding and one group");
  }
  return std::nullopt;
}

// depthwise_f32.h: group = channels = outputs, 2-D, equal strides 1 or 2, no dilation.
std::optional<std::string> depthwise_conv_unfit(const Node& node) {
  const Shape& x = node.input(0)->type().shape;
  const Shape& w = node.input(1)->type().shape;
  if (x.size() != 4 || node.attr_i("group", 1) != x[1] || w[0] != x[1] || w[1] != 1) {
    return std::string("not a 2-D depthwise convolution");
  }
  const std::vector<int64_t> strides = node.attr_ints("strides");
  if (strides[0] != strides[1] || strides[0] > 2 || !all_equal(node.attr_ints("dilations"), 1)) {
    return std::string("a depthwise convolution with strides other than 1 or 2, or with dilation, is not vectorized yet");
  }
  return std::nullopt;
}

// depthwise_interleaved_f32.h: a depthwise convolution with 3x3 or 5x5
// taps whose padded rows fit the kernel's stack buffer, where it was
// measured faster than depthwise_f32.h.
std::optional<std::string> depthwise_interleaved_unfit(const Node& node, Isa isa) {
  if (auto why = depthwise_conv_unfit(node)) return why;
  const Shape& x = node.input(0)->type().shape;
  const Shape& w = node.input(1)->type().shape;
  const Shape& y = node.output(0)->type().shape;
  const std::vector<int64_t> pads = node.attr_ints("pads");
  if (pads.size() != 4 || w.size() != 4 || y.size() != 4) return std::string("not a 2-D depthwise convolution");
  const rt::simd::DepthwiseShape s{x[2], x[3], y[2], y[3], w[2], w[3], node.attr_ints("strides")[0], pads[0], pads[1]};
  const int64_t lanes = rt::simd::interleaved_lanes(isa_name(isa));
  if (!rt::simd::interleaved_fits(s, lanes)) {
    return fmt::format("not 3x3 or 5x5 taps on rows whose {} channels fit the kernel's buffer once padded", lanes);
  }
  if (!rt::simd::interleaved_pays(s)) return std::string("3x3 taps on rows wider than 30 run as fast plane by plane");
  return std::nullopt;
}

// expand_depthwise_f32.h: 3x3 or 5x5 taps, stride 1 or 2, no dilation, the
// kh expanded rows one output row reads within the kernel's stack buffer.
std::optional<std::string> expand_depthwise_unfit(const Node& node, Isa isa) {
  const Shape& x = node.input(0)->type().shape;
  const Shape& w_expand = node.input(1)->type().shape;
  const Shape& w = node.input(3)->type().shape;
  const Shape& y = node.output(0)->type().shape;
  const std::vector<int64_t> pads = node.attr_ints("pads"), strides = node.attr_ints("strides");
  if (x.size() != 4 || w_expand.size() != 2 || w.size() != 4 || y.size() != 4 || pads.size() != 4 || strides.size() != 2) {
    return std::string("not a 2-D expand_depthwise");
  }
  if (strides[0] != strides[1] || !all_equal(node.attr_ints("dilations"), 1)) return std::string("unequal strides or a dilation");
  const rt::simd::ExpandDepthwiseShape s{{x[2], x[3], y[2], y[3], w[2], w[3], strides[0], pads[0], pads[1]}, x[1], w_expand[1]};
  if (!rt::simd::expand_depthwise_fits(s, rt::simd::interleaved_lanes(isa_name(isa)))) {
    return std::string("not 3x3 or 5x5 taps, strides 1 or 2, or expanded rows too wide for the kernel's buffer");
  }
  if (!rt::simd::expand_depthwise_pays(s)) {
    return std::string("no 4x expansion, input rows under 28 wide, or stride 1 on rows 56 or wider: the separate kernels measured faster");
  }
  return std::nullopt;
}

// conv_direct_f32.h: the stem convolution (few input channels, small
// window, stride 1 or 2, one group, no dilation) whose rows fit its buffers.
std::optional<std::string> direct_conv_unfit(const Node& node, Isa isa) {
  const Shape& x = node.input(0)->type().shape;
  const Shape& w = node.input(1)->type().shape;
  const Shape& y = node.output(0)->type().shape;
  const std::vector<int64_t> pads = node.attr_ints("pads"), strides = node.attr_ints("strides");
  if (x.size() != 4 || w.size() != 4 || y.size() != 4 || pads.size() != 4 || strides.size() != 2 || node.attr_i("group", 1) != 1) {
    return std::string("not an ungrouped 2-D convolution");
  }
  if (strides[0] != strides[1] || !all_equal(node.attr_ints("dilations"), 1)) return std::string("unequal strides or a dilation");
  const rt::simd::DirectConvShape s{x[1], x[2], x[3], w[0], y[2], y[3], w[2], w[3], strides[0], pads[0], pads[1]};
  if (!rt::simd::direct_fits(s, rt::simd::interleaved_lanes(isa_name(isa)))) {
    return fmt::format("more than {} input channels, a window over {}x{}, strides other than 1 or 2, or rows wider than its buffer",
                       rt::simd::kDirectMaxChannels, rt::simd::kDirectMaxWindow, rt::simd::kDirectMaxWindow);
  }
  return std::nullopt;
}

// conv_gemm_f32.h: ungrouped 2-D, unit strides, no dilation.
std::optional<std::string> shifted_conv_unfit(const Node& node) {
  if (node.input(0)->type().rank() != 4 || node.attr_i("group", 1) != 1) return std::string("not an ungrouped 2-D convolution");
  if (!all_equal(node.attr_ints("strides"), 1) || !all_equal(node.attr_ints("dilations"), 1)) {
    return std::string("strides or dilations other than 1 are not vectorized yet");
  }
  return std::nullopt;
}

// conv_im2col_f32.h: any 2-D convolution (grouped, strided, dilated, padded).
std::optional<std::string> im2col_conv_unfit(const Node& node) {
  const Shape& w = node.input(1)->type().shape;
  if (node.input(0)->type().rank() != 4 || w.size() != 4) return std::string("not a 2-D convolution");
  if (num_elements(w) == 0) return std::string("an empty kernel is not vectorized");
  return std::nullopt;
}

// conv_winograd_f32.h: 3x3, unit strides and dilations, one group, input
// channels within its stack blocks; and only where it pays. Measured against
// conv.im2col_packed with bench/kernels/winograd_bench.h on AVX2 (Zen 3):
// with fewer than 8 input channels the output transform outweighs the
// GEMMs it shortens (3->32 @56: 0.6x, 4->64 @28: 0.6x; 8->8 @56: 1.7x,
// 8->16 @28: 1.2x); output planes under 10x10 leave most of a block's tile
// columns empty (7x7 and 8x8: 0.5-0.8x, 9x9: 1.0x, 10x10: 1.2-1.8x, 14x14:
// 1.4-2x). AVX-512 and NEON take the same rule, unmeasured (no such CPU here).
constexpr int64_t kWinoMinChannels = 8;
constexpr int64_t kWinoMinPlane = 10;

std::optional<std::string> winograd_conv_unfit(const Node& node) {
  const Shape& x = node.input(0)->type().shape;
  const Shape& w = node.input(1)->type().shape;
  if (x.size() != 4 || w.size() != 4 || node.attr_i("group", 1) != 1 || conv_kernel_dim(node, 0) != 3 ||
      conv_kernel_dim(node, 1) != 3 || !all_equal(node.attr_ints("strides"), 1) || !all_equal(node.attr_ints("dilations"), 1)) {
    return std::string("not a 3x3 convolution with unit strides and dilations and one group");
  }
  if (x[1] > rt::simd::kWinoMaxChannels) return fmt::format("more than {} input channels", rt::simd::kWinoMaxChannels);
  const Shape& y = node.output(0)->type().shape;
  if (x[1] < kWinoMinChannels) {
    return fmt::format("fewer than {} input channels: the transforms cost more than the GEMMs save", kWinoMinChannels);
  }
  if (y[2] < kWinoMinPlane || y[3] < kWinoMinPlane) {
    return fmt::format("an output plane under {}x{}: too few 4x4 tiles to fill the GEMM's columns", kWinoMinPlane, kWinoMinPlane);
  }
  return std::nullopt;
}

// The geometry of a 2-D depthwise qconv as the depthwise kernels read it, or
// nullopt where the node is not one.
std::optional<rt::simd::QdwShape> qconv_depthwise_shape(const Node& node) {
  if (depthwise_conv_unfit(node)) return std::nullopt;
  const Shape& x = node.input(0)->type().shape;
  const Shape& w = node.input(1)->type().shape;
  const Shape& y = node.output(0)->type().shape;
  const std::vector<int64_t> pads = node.attr_ints("pads");
  if (pads.size() != 4 || w.size() != 4 || y.size() != 4) return std::nullopt;
  return rt::simd::QdwShape{x[2], x[3], y[2], y[3], w[2], w[3], node.attr_ints("strides")[0], pads[0], pads[1]};
}

// simd/qconv_depthwise.h: group = channels = outputs, 2-D, equal strides
// 1 or 2, no dilation, a padded plane within its stack buffer.
std::optional<std::string> qconv_depthwise_unfit(const Node& node) {
  if (auto why = depthwise_conv_unfit(node)) return why;
  const std::optional<rt::simd::QdwShape> s = qconv_depthwise_shape(node);
  if (!s) return std::string("not a 2-D depthwise convolution");
  if (!rt::simd::qdw_fits(*s)) return std::string("a padded plane larger than the kernel's stack buffer, or too many taps");
  return std::nullopt;
}

// simd/qconv_depthwise_interleaved.h: 3x3 or 5x5 taps, stride 1 or 2,
// pads that do not crop, whose padded rows of 16 channels fit its buffer.
std::optional<std::string> qconv_depthwise_interleaved_unfit(const Node& node) {
  if (auto why = qconv_depthwise_unfit(node)) return why;
  if (!rt::simd::qdwi_fits(*qconv_depthwise_shape(node))) {
    return fmt::format("not 3x3 or 5x5 taps on rows whose {} channels fit the kernel's buffer once padded", rt::simd::kQdwiLanes);
  }
  return std::nullopt;
}

// qgemm_w7_avx2.h: u8 activations, constant i8 weights of zero point 0
// whose every pair of K is proved not to saturate vpmaddubsw.
std::optional<std::string> qconv_w7_unfit(const Node& node) {
  if (auto why = im2col_conv_unfit(node)) return why;
  const Value* w = node.input(1);
  if (node.input(0)->type().dtype != DType::u8 || w->type().dtype != DType::i8 || !w->is_constant()) {
    return std::string("not u8 activations and constant i8 weights");
  }
  if (!all_equal(node.attr_ints("w_zero_point"), 0)) return std::string("weights of a zero point other than 0");
  const Shape& shape = w->type().shape;
  const int64_t rows = shape[0];
  if (!rt::x86::w7_pairs_fit(w->constant_as<int8_t>().data(), rows, num_elements(shape) / std::max<int64_t>(rows, 1))) {
    return std::string("weights whose pairs could saturate vpmaddubsw (outside [-64, 64]: --weight-bits 7 keeps them in)");
  }
  return std::nullopt;
}

// simd/qavg_pool_global.h: a window over the whole unpadded plane.
std::optional<std::string> qavg_pool_global_unfit(const Node& node) {
  const Shape& x = node.input(0)->type().shape;
  const Shape& y = node.output(0)->type().shape;
  const std::vector<int64_t> kernel = node.attr_ints("kernel_shape");
  const auto spatial = static_cast<int32_t>(x.size()) - 2;
  std::vector<int64_t> pads = node.attr_ints("pads"), dilations = node.attr_ints("dilations");
  if (pads.empty()) pads.assign(2 * static_cast<size_t>(std::max(spatial, 0)), 0);
  if (dilations.empty()) dilations.assign(static_cast<size_t>(std::max(spatial, 0)), 1);
  if (spatial < 1 || y.size() != x.size() || kernel.size() != static_cast<size_t>(spatial) || pads.size() != 2 * kernel.size() ||
      dilations.size() != kernel.size() ||
      !rt::simd::qavg_pool_is_global(spatial, x.data() + 2, y.data() + 2, kernel.data(), pads.data(), dilations.data())) {
    return std::string("not a window over the whole unpadded plane (a global average pool)");
  }
  return std::nullopt;
}

// qadd_vec_avx2.h: both operands of the output's shape (a residual add).
std::optional<std::string> qadd_unfit(const Node& node) {
  const Shape& y = node.output(0)->type().shape;
  for (const Value* operand : node.inputs()) {
    if (operand->type().shape != y) return std::string("a broadcasting qadd is not vectorized yet");
  }
  return std::nullopt;
}

// qmatmul_rows_avx2.h: a 2-D b. qmatmul_tiled_avx2.h (the raw sums) also:
// one zero point for b, K within its B block, and rows enough to share the
// packed block (one row is a GEMV, which the rows variant does as well).
std::optional<std::string> qmatmul_unfit(const Node& node, std::string_view variant) {
  const Shape& a = node.input(0)->type().shape;
  const Shape& b = node.input(1)->type().shape;
  if (b.size() != 2 || a.size() < 2) return std::string("a qmatmul without a 2-D b is not vectorized yet");
  if (variant != "tiled") return std::nullopt;
  if (node.attr_ints("b_zero_point").size() > 1) return std::string("b has a zero point per column");
  if (b[0] > rt::x86::kTiledMaxK) return fmt::format("K = {} is over the tiled variant's {}", b[0], rt::x86::kTiledMaxK);
  if (num_elements(a) / std::max<int64_t>(b[0], 1) < rt::x86::kTiledMinRows) {
    return fmt::format("fewer than {} rows: a row at a time is as fast", rt::x86::kTiledMinRows);
  }
  return std::nullopt;
}

// quantize_avx2.h's dequantize_axis_avx2: i32 without a zero point, one f32
// scale or one per position along the last axis.
std::optional<std::string> dequantize_axis_unfit(const Node& node) {
  const TensorType& x = node.input(0)->type();
  const TensorType& scale = node.input(1)->type();
  const bool zero_point = node.inputs().size() > 2 && node.input(2) != nullptr;
  const int64_t n = num_elements(scale.shape);
  const bool per_column = x.rank() > 0 && n == x.shape.back() && node.attr_i("axis", 0) == x.rank() - 1;
  if (x.dtype != DType::i32 || zero_point || scale.dtype != DType::f32 || scale.rank() > 1 || (n != 1 && !per_column)) {
    return std::string("only an i32 dequantize without a zero point, scaled per tensor or along the last axis, is vectorized per axis");
  }
  return std::nullopt;
}

// quantize_avx2.h: one f32 scale and at most one zero point; quantize
// from f32, dequantize from u8 or i8.
std::optional<std::string> tensor_quantization_unfit(const Node& node) {
  const Value* scale = node.input(1);
  const Value* zero_point = node.inputs().size() > 2 ? node.input(2) : nullptr;
  if (scale == nullptr || scale->type().dtype != DType::f32 || num_elements(scale->type().shape) != 1 ||
      (zero_point != nullptr && num_elements(zero_point->type().shape) != 1)) {
    return std::string("a scale other than one f32 for the tensor is not vectorized yet");
  }
  const DType x = node.input(0)->type().dtype;
  if (node.op() == OpKind::quantize && x != DType::f32) return std::string("quantize from other than f32 is not vectorized yet");
  if (node.op() == OpKind::dequantize && x != DType::u8 && x != DType::i8) {
    return std::string("dequantize from other than u8 or i8 is not vectorized yet");
  }
  return std::nullopt;
}

// pool_f32.h: 2-D, no indices output.
std::optional<std::string> pool_unfit(const Node& node) {
  if (node.input(0)->type().rank() != 4) return std::string("pooling other than 2-D is not vectorized yet");
  if (node.outputs().size() > 1) return std::string("max_pool with indices is not vectorized yet");
  return std::nullopt;
}

// softmax_f32.h: along the last axis.
std::optional<std::string> softmax_unfit(const Node& node) {
  if (node.attr_i("axis", -1) != node.input(0)->type().rank() - 1) {
    return std::string("softmax along an axis other than the last is not vectorized yet");
  }
  return std::nullopt;
}

// pool_f32.h's reduce_mean_rows_f32 and reduce_extreme_rows_f32: the `axes`
// attribute names trailing axes.
std::optional<std::string> reduce_rows_unfit(const Node& node) {
  const std::vector<int64_t> axes = node.attr_ints("axes");
  const int64_t rank = node.input(0)->type().rank();
  bool trailing = node.inputs().size() < 2 || node.input(1) == nullptr;
  trailing = trailing && !axes.empty();
  for (size_t i = 0; trailing && i < axes.size(); ++i) {
    trailing = axes[i] == rank - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(i);
  }
  if (!trailing) return fmt::format("{} over axes other than the trailing ones is not vectorized yet", op_name(node.op()));
  return std::nullopt;
}

// unary_f32.h's pow_square_f32: x of the result's size, a constant exponent 2.
std::optional<std::string> pow_unfit(const Node& node) {
  const std::optional<double> exponent = splat_value(node.input(1));
  if (!exponent || *exponent != 2.0 || num_elements(node.input(1)->type().shape) != 1 ||
      num_elements(node.input(0)->type().shape) != num_elements(node.output(0)->type().shape)) {
    return std::string("pow other than x to a constant single 2 is not vectorized yet");
  }
  return std::nullopt;
}

// layer_norm_f32.h: scale (and bias) of the normalised block's size.
std::optional<std::string> layer_norm_unfit(const Node& node) {
  const Shape& x = node.input(0)->type().shape;
  const int64_t axis = node.attr_i("axis", -1);
  if (axis < 0 || axis >= static_cast<int64_t>(x.size())) return std::string("the axis is out of range");
  const int64_t n = num_elements(Shape(x.begin() + axis, x.end()));
  for (size_t i = 1; i < 3; ++i) {
    if (node.input(i) != nullptr && num_elements(node.input(i)->type().shape) != n) {
      return std::string("a scale or bias broadcast within the normalised block is not vectorized yet");
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view isa_name(Isa isa) {
  switch (isa) {
    case Isa::portable: return "portable";
    case Isa::avx2: return "avx2";
    case Isa::avx512: return "avx512";
    case Isa::neon: return "neon";
    case Isa::dotprod: return "dotprod";
  }
  return "?";
}

namespace {

enum class Arch { none, x86, arm };

Arch arch_of(Isa isa) {
  switch (isa) {
    case Isa::portable: return Arch::none;
    case Isa::avx2:
    case Isa::avx512: return Arch::x86;
    case Isa::neon:
    case Isa::dotprod: return Arch::arm;
  }
  return Arch::none;
}

}  // namespace

std::optional<Isa> parse_isa(std::string_view name) {
  for (Isa isa : {Isa::portable, Isa::avx2, Isa::avx512, Isa::neon, Isa::dotprod}) {
    if (isa_name(isa) == name) return isa;
  }
  return std::nullopt;
}

std::string_view isa_arch(Isa isa) {
  switch (arch_of(isa)) {
    case Arch::x86: return "x86_64";
    case Arch::arm: return "aarch64";
    case Arch::none: return "any";
  }
  return "any";
}

bool isa_covers(Isa target, Isa variant) {
  return arch_of(target) != Arch::none && arch_of(target) == arch_of(variant) && variant <= target;
}

std::vector<std::string> isa_features(Isa isa) {
  switch (isa) {
    case Isa::portable: return {};
    case Isa::avx2: return {"avx2", "fma"};
    case Isa::avx512: return {"avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"};
    case Isa::neon: return {"neon"};
    case Isa::dotprod: return {"neon", "dotprod"};
  }
  return {};
}

const std::vector<KernelVariant>& optimized_variants() {
  static const std::vector<KernelVariant> variants = {
#define INGOT_X86_KERNEL(op, variant, dtype, isa) \
  {OpKind::op, #variant, k##dtype, Isa::isa, #op "." #variant "." #dtype "." #isa},
#include "kernels/x86/variants.def"
#undef INGOT_X86_KERNEL
#define INGOT_ARM_KERNEL(op, variant, dtype, isa) \
  {OpKind::op, #variant, k##dtype, Isa::isa, #op "." #variant "." #dtype "." #isa},
#include "kernels/arm/variants.def"
#undef INGOT_ARM_KERNEL
  };
  return variants;
}

std::optional<std::string> attrs_unfit(const KernelVariant& variant, const AttrMap& attrs, DType dtype) {
  if (dtype != variant.dtype) return fmt::format("{} has no {} kernel yet", dtype_name(dtype), isa_name(variant.isa));
  return activation_unfit(attrs);
}

bool is_packed_variant(const KernelVariant& variant) {
  return variant.variant.ends_with("_packed") || transforms_weights(variant);
}

bool transforms_weights(const KernelVariant& variant) { return variant.op == OpKind::conv && variant.variant == "winograd"; }

bool packed_only(const KernelVariant& variant) { return transforms_weights(variant) || variant.op == OpKind::expand_depthwise; }

bool packable_weights(const Node& node) {
  const Value* w = node.inputs().size() > 1 ? node.input(1) : nullptr;
  if (w == nullptr || !w->is_constant() || w->type().quant || w->type().dtype != DType::f32) return false;
  return node.op() == OpKind::conv || w->type().rank() == 2;  // matmul, gemm: 2-D weights
}

std::string variant_packing(const KernelVariant& variant) {
  if (!is_packed_variant(variant)) return "";
  if (transforms_weights(variant)) {
    return fmt::format("{}mr{}", rt::simd::kWinoPrefix, rt::simd::packed_rows(isa_name(variant.isa)));
  }
  if (variant.op == OpKind::conv) return fmt::format("mr{}", rt::simd::packed_rows(isa_name(variant.isa)));
  return fmt::format("nr{}", rt::simd::packed_cols(isa_name(variant.isa)));
}

std::optional<std::string> node_unfit(const KernelVariant& variant, const Node& node) {
  if (auto why = node_unfit_any_layout(variant, node)) return why;
  const std::string packed = node.attr_s("packed");
  const std::string packing = variant_packing(variant);
  if (packing.empty() && !packed.empty()) return fmt::format("weights packed as {} need a packed kernel", packed);
  if (!packing.empty() && !packable_weights(node)) return std::string("weights not a constant the compiler packs");
  if (packed != packing) {
    return packed.empty() ? std::string("weights not packed") : fmt::format("weights packed as {}, not {}", packed, packing);
  }
  return std::nullopt;
}

std::optional<std::string> node_unfit_any_layout(const KernelVariant& variant, const Node& node) {
  if (auto why = attrs_unfit(variant, node.attrs(), node.output(0)->type().dtype)) return why;
  switch (variant.op) {
    case OpKind::add:
    case OpKind::sub:
    case OpKind::mul:
    case OpKind::div:
      return binary_operands_unfit(node);
    case OpKind::matmul:
      return matmul_unfit(node);
    case OpKind::gemm:
      return gemm_unfit(node);
    case OpKind::max_pool:
    case OpKind::avg_pool:
      if (variant.dtype != kf32 && node.input(0)->type().rank() == 4 && node.input(0)->type().shape[3] > 8192) {
        return std::string("rows wider than 8192 (simd/max_pool_8bit.h's row buffer)");
      }
      return pool_unfit(node);
    case OpKind::softmax:
      return softmax_unfit(node);
    case OpKind::layer_norm:
      return layer_norm_unfit(node);
    case OpKind::slice: {
      if (node.input(1) != nullptr) return std::string("a slice with run-time bounds is not vectorized yet");
      if (node.input(0)->type().rank() > 8) return std::string("a slice above rank 8 is not vectorized yet");
      for (int64_t step : node.attr_ints("steps")) {
        if (step < 1) return std::string("a slice with negative steps is not vectorized yet");
      }
      return std::nullopt;
    }
    case OpKind::transpose:
      if (node.input(0)->type().rank() > 8) return std::string("a transpose above rank 8 is not vectorized yet");
      return std::nullopt;
    case OpKind::reduce_mean:
    case OpKind::reduce_max:
    case OpKind::reduce_min:
      return reduce_rows_unfit(node);
    case OpKind::pow:
      return pow_unfit(node);
    case OpKind::conv:
      if (variant.variant == "depthwise") return depthwise_conv_unfit(node);
      if (variant.variant == "direct") return direct_conv_unfit(node, variant.isa);
      if (variant.variant == "depthwise_interleaved") return depthwise_interleaved_unfit(node, variant.isa);
      if (variant.variant == "shifted") return shifted_conv_unfit(node);
      if (variant.variant == "winograd") return winograd_conv_unfit(node);
      if (variant.variant == "im2col" || variant.variant == "im2col_packed") return im2col_conv_unfit(node);
      return pointwise_conv_unfit(node);
    case OpKind::expand_depthwise:
      return expand_depthwise_unfit(node, variant.isa);
    case OpKind::qconv:
      if (variant.variant == "depthwise") return qconv_depthwise_unfit(node);
      if (variant.variant == "depthwise_interleaved") return qconv_depthwise_interleaved_unfit(node);
      if (variant.variant == "im2col_w7") return qconv_w7_unfit(node);
      return im2col_conv_unfit(node);  // qconv_im2col_avx2.h: as conv_im2col_f32.h, any 2-D convolution
    case OpKind::qadd:
      return qadd_unfit(node);
    case OpKind::qavg_pool:
      return qavg_pool_global_unfit(node);
    case OpKind::qmatmul:
      return qmatmul_unfit(node, variant.variant);
    case OpKind::quantize:
      return tensor_quantization_unfit(node);
    case OpKind::dequantize:
      if (variant.variant == "axis") return dequantize_axis_unfit(node);
      return tensor_quantization_unfit(node);
    default:
      return std::nullopt;
  }
}

}  // namespace ingot
