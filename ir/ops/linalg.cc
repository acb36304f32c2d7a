// Convolutions and matrix products.
//
// Layouts follow ONNX: activations are [N, C, spatial...]; a conv weight is
// [M, C / group, kernel...]; a conv_transpose weight is [C, M / group,
// kernel...]. Every window attribute is explicit, one entry per spatial dim
// (pads: all begins, then all ends), and checked to lie in [min, 2^40] so that
// the size arithmetic below cannot overflow.
#include <fmt/format.h>

#include "ir/conv_kernel.h"
#include "ir/ops/families.h"
#include "ir/ops/fused_activation.h"
#include "ir/ops/linalg_shapes.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {
namespace {

struct Window {
  std::vector<int64_t> strides, pads, dilations;
};

Result<Window> read_window(const Node& node, size_t spatial) {
  Window window;
  INGOT_ASSIGN_OR_RETURN(window.strides, int_list(node, "strides", spatial, 1));
  INGOT_ASSIGN_OR_RETURN(window.pads, int_list(node, "pads", 2 * spatial, 0));
  INGOT_ASSIGN_OR_RETURN(window.dilations, int_list(node, "dilations", spatial, 1));
  return window;
}

// (kernel - 1) * dilation + 1, the extent one window covers.
Result<int64_t> dilated_extent(int64_t kernel, int64_t dilation) {
  if (kernel < 1) return Status::invalid(fmt::format("kernel dim {} must be positive", kernel));
  if (kernel - 1 > kMaxElements / dilation) return Status::invalid("the dilated kernel is too large");
  return (kernel - 1) * dilation + 1;
}

// Float operands, or i32 for integer convolutions (ConvInteger lowers to those).
bool conv_dtype(DType dtype) { return is_float(dtype) || dtype == DType::i32; }

// x and w: rank 3 or more, one dtype (returned).
Result<DType> conv_operands(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& w = input_type(node, 1);
  if (x.rank() < 3) return Status::invalid(fmt::format("the input must have rank 3 or more (N, C, spatial...), not {}", x.rank()));
  if (w.rank() != x.rank()) return Status::invalid(fmt::format("the weight has rank {}, the input {}", w.rank(), x.rank()));
  if (x.dtype != w.dtype) {
    return Status::invalid(fmt::format("input and weight mix {} and {}", dtype_name(x.dtype), dtype_name(w.dtype)));
  }
  if (!conv_dtype(x.dtype)) return Status::invalid(fmt::format("{} operands are not supported (float or i32)", dtype_name(x.dtype)));
  return x.dtype;
}

// The optional bias is [channels] of the input's dtype.
Status check_bias(const Node& node, DType dtype, int64_t channels) {
  const Value* bias = node.input(2);
  if (bias == nullptr) return {};
  if (bias->type().dtype != dtype) return Status::invalid("the bias must have the input's dtype");
  if (bias->type().shape != Shape{channels}) {
    return Status::invalid(fmt::format("the bias must be [{}], not [{}]", channels, shape_to_string(bias->type().shape)));
  }
  return {};
}

Result<int64_t> read_group(const Node& node) {
  int64_t group = node.attr_i("group");
  if (group < 1 || group > kMaxElements) return Status::invalid(fmt::format("group must be positive, not {}", group));
  return group;
}

Types conv_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, conv_operands(node));
  INGOT_RETURN_IF_ERROR(check_bias(node, dtype, input_type(node, 1).shape[0]));
  INGOT_ASSIGN_OR_RETURN(Shape out, conv_output_shape(node));
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, dtype));
  return std::vector<TensorType>{{dtype, out}};
}

Types conv_transpose_rule(const Node& node) {
  const Shape& x = input_type(node, 0).shape;
  const Shape& w = input_type(node, 1).shape;
  INGOT_ASSIGN_OR_RETURN(DType dtype, conv_operands(node));
  const size_t spatial = x.size() - 2;
  INGOT_ASSIGN_OR_RETURN(int64_t group, read_group(node));
  if (w[1] > kMaxElements / group) return Status::invalid("too many output channels");
  const int64_t out_channels = w[1] * group;
  INGOT_RETURN_IF_ERROR(check_bias(node, dtype, out_channels));
  if (x[1] != w[0]) return Status::invalid(fmt::format("the input has {} channels but the weight expects {}", x[1], w[0]));
  if (x[1] % group != 0) return Status::invalid(fmt::format("{} input channels do not split into {} groups", x[1], group));
  INGOT_ASSIGN_OR_RETURN(Window window, read_window(node, spatial));
  INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> output_padding, int_list(node, "output_padding", spatial, 0));
  Shape out{x[0], out_channels};
  for (size_t i = 0; i < spatial; ++i) {
    INGOT_ASSIGN_OR_RETURN(int64_t extent, dilated_extent(w[2 + i], window.dilations[i]));
    if (x[2 + i] < 1) return Status::invalid(fmt::format("spatial dim {} of the input is empty", i));
    if (x[2 + i] - 1 > kMaxElements / window.strides[i]) return Status::invalid("the output is too large");
    int64_t full = window.strides[i] * (x[2 + i] - 1) + output_padding[i] + extent;
    int64_t size = full - window.pads[i] - window.pads[spatial + i];
    if (size < 1) return Status::invalid(fmt::format("spatial dim {}: the pads remove the whole output ({})", i, full));
    out.push_back(size);
  }
  return std::vector<TensorType>{{dtype, out}};
}

// Numbers that matrix products accept: not bool.
Result<DType> product_dtype(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, common_dtype(node));
  if (dtype == DType::boolean) return Status::invalid("matrix products do not take bool operands");
  return dtype;
}

// numpy.matmul: a 1-D operand is a row (a) or a column (b) vector whose unit
// dim is dropped from the result; leading dims broadcast.
Types matmul_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, product_dtype(node));
  Shape a = input_type(node, 0).shape;
  Shape b = input_type(node, 1).shape;
  if (a.empty() || b.empty()) return Status::invalid("matmul operands must have rank 1 or more");
  const bool a_vector = a.size() == 1;
  const bool b_vector = b.size() == 1;
  if (a_vector) a.insert(a.begin(), 1);
  if (b_vector) b.push_back(1);
  const int64_t k = a.back();
  if (b[b.size() - 2] != k) {
    return Status::invalid(fmt::format("inner dims differ: [{}] x [{}]", shape_to_string(input_type(node, 0).shape),
                                       shape_to_string(input_type(node, 1).shape)));
  }
  INGOT_ASSIGN_OR_RETURN(Shape out, broadcast(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2)));
  if (!a_vector) out.push_back(a[a.size() - 2]);
  if (!b_vector) out.push_back(b.back());
  if (const Value* bias = node.input(2)) {
    if (b_vector || bias->type().shape != Shape{b.back()}) {
      return Status::invalid(fmt::format("the bias must be [{}], one value per output column, not [{}]", b.back(),
                                         shape_to_string(bias->type().shape)));
    }
  }
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, dtype));
  return std::vector<TensorType>{{dtype, out}};
}

Types gemm_rule(const Node& node) {
  INGOT_ASSIGN_OR_RETURN(DType dtype, product_dtype(node));
  const Shape& a = input_type(node, 0).shape;
  const Shape& b = input_type(node, 1).shape;
  if (a.size() != 2 || b.size() != 2) {
    return Status::invalid(fmt::format("gemm operands must be 2-D, not [{}] and [{}]", shape_to_string(a), shape_to_string(b)));
  }
  INGOT_ASSIGN_OR_RETURN(bool trans_a, flag(node, "trans_a"));
  INGOT_ASSIGN_OR_RETURN(bool trans_b, flag(node, "trans_b"));
  const int64_t m = trans_a ? a[1] : a[0];
  const int64_t k = trans_a ? a[0] : a[1];
  const int64_t n = trans_b ? b[0] : b[1];
  if ((trans_b ? b[1] : b[0]) != k) {
    return Status::invalid(fmt::format("inner dims differ: op(a) is [{},{}], op(b) is [{},{}]", m, k,
                                       trans_b ? b[1] : b[0], n));
  }
  const Shape out{m, n};
  if (const Value* c = node.input(2)) {
    Result<Shape> joined = broadcast(c->type().shape, out);
    if (!joined.ok() || *joined != out) {
      return Status::invalid(fmt::format("c [{}] does not broadcast to [{},{}]", shape_to_string(c->type().shape), m, n));
    }
  }
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, dtype));
  return std::vector<TensorType>{{dtype, out}};
}

constexpr AttrSpec kStrides{"strides", AttrType::i64s, true};
constexpr AttrSpec kPads{"pads", AttrType::i64s, true};
constexpr AttrSpec kDilations{"dilations", AttrType::i64s, true};
constexpr AttrSpec kGroup{"group", AttrType::i64, true};
// Set by the pack-weights pass: the weights are a constant the compiler
// rewrote into the panels of the target's GEMM microkernel ("mr6": conv
// weights in row panels of 6, "nr32": matmul/gemm b in column panels of 32;
// runtime-stub/kernels/simd/pack_f32.h). Shape unchanged, but for
// "wino6mr12": a 3x3 kernel's Winograd transform, weights [M, C, 6, 6]
// (ir/conv_kernel.h).
constexpr AttrSpec kPacked{"packed", AttrType::str};

// expand_depthwise: x [N, C, H, W], w_expand [C, E] (the 1x1 expand conv's
// weights transposed: a matmul's b), b_expand [E], w [E, 1, kh, kw] (the
// depthwise's), bias [E]; y [N, E, oh, ow], the depthwise's output.
Types expand_depthwise_rule(const Node& node) {
  const TensorType& x = input_type(node, 0);
  const TensorType& w_expand = input_type(node, 1);
  const TensorType& w = input_type(node, 3);
  if (x.rank() != 4 || w_expand.rank() != 2 || w.rank() != 4) {
    return Status::invalid("expects x [N,C,H,W], w_expand [C,E] and w [E,1,kh,kw]");
  }
  if (!is_float(x.dtype) || w_expand.dtype != x.dtype || w.dtype != x.dtype) return Status::invalid("expects float operands of one dtype");
  const int64_t e = w_expand.shape[1];
  if (w_expand.shape[0] != x.shape[1] || w.shape[0] != e || w.shape[1] != 1) {
    return Status::invalid(fmt::format("w_expand [{}] and w [{}] do not match {} input channels",
                                       shape_to_string(w_expand.shape), shape_to_string(w.shape), x.shape[1]));
  }
  for (size_t i : {size_t{2}, size_t{4}}) {
    const TensorType& bias = input_type(node, i);
    if (bias.dtype != x.dtype || bias.shape != Shape{e}) return Status::invalid(fmt::format("the biases must be [{}]", e));
  }
  INGOT_ASSIGN_OR_RETURN(Window window, read_window(node, 2));
  Shape out{x.shape[0], e};
  for (size_t i = 0; i < 2; ++i) {
    INGOT_ASSIGN_OR_RETURN(int64_t extent, dilated_extent(w.shape[2 + i], window.dilations[i]));
    const int64_t padded = x.shape[2 + i] + window.pads[i] + window.pads[2 + i];
    if (padded < extent) return Status::invalid(fmt::format("spatial dim {}: the kernel covers {} but the padded input has {}", i, extent, padded));
    out.push_back((padded - extent) / window.strides[i] + 1);
  }
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, x.dtype));
  INGOT_RETURN_IF_ERROR(check_fused_activation(node, x.dtype, kExpandActivationAttr, kExpandActivationParamsAttr));
  return std::vector<TensorType>{{x.dtype, out}};
}

}  // namespace

// Shared with the integer convolution (quant_compute.cc): x [N, C, in...]
// and w [M, C/group, k...] of one rank >= 3 (checked by the caller).
Result<Shape> conv_output_shape(const Node& node) {
  const Shape& x = input_type(node, 0).shape;
  const Shape& w = input_type(node, 1).shape;
  const size_t spatial = x.size() - 2;
  INGOT_ASSIGN_OR_RETURN(int64_t group, read_group(node));
  if (x[1] % group != 0 || x[1] / group != w[1]) {
    return Status::invalid(fmt::format("the input has {} channels but the weight expects {} per group x {} groups",
                                       x[1], w[1], group));
  }
  if (w[0] % group != 0) return Status::invalid(fmt::format("{} output channels do not split into {} groups", w[0], group));
  INGOT_ASSIGN_OR_RETURN(Window window, read_window(node, spatial));
  Shape out{x[0], w[0]};
  for (size_t i = 0; i < spatial; ++i) {
    INGOT_ASSIGN_OR_RETURN(int64_t extent, dilated_extent(conv_kernel_dim(node, i), window.dilations[i]));
    int64_t padded = x[2 + i] + window.pads[i] + window.pads[spatial + i];
    if (padded < extent) {
      return Status::invalid(fmt::format("spatial dim {}: the kernel covers {} but the padded input has {}", i, extent, padded));
    }
    out.push_back((padded - extent) / window.strides[i] + 1);
  }
  return out;
}

std::vector<OpInfo> linalg_ops() {
  return {
      {OpKind::conv,
       {{"x"}, {"w"}, {"bias", true}},
       {kStrides, kPads, kDilations, kGroup, kActivationAttr, kActivationParamsAttr, kPacked},
       1,
       conv_rule,
       "N-d grouped convolution, x [N,C,...] w [M,C/group,k...], explicit pads, optional bias [M] and fused "
       "activation; i32 operands accumulate in i32"},
      {OpKind::expand_depthwise,
       {{"x"}, {"w_expand"}, {"b_expand"}, {"w"}, {"bias"}},
       {kStrides, kPads, kDilations, kActivationAttr, kActivationParamsAttr, kExpandActivationAttr, kExpandActivationParamsAttr,
        kPacked},
       1,
       expand_depthwise_rule,
       "a 1x1 conv (w_expand [C,E] = its weights transposed, b_expand, expand_activation) followed by the depthwise "
       "conv of w [E,1,kh,kw], bias, strides, pads and activation; the fuse pass forms it for kernels that never "
       "store the expanded tensor"},
      {OpKind::conv_transpose,
       {{"x"}, {"w"}, {"bias", true}},
       {kStrides, kPads, kDilations, kGroup, {"output_padding", AttrType::i64s, true}},
       1,
       conv_transpose_rule,
       "N-d transposed convolution, w [C,M/group,k...]; out = stride*(in-1) + output_padding + dilated kernel - pads"},
      {OpKind::matmul,
       {{"a"}, {"b"}, {"bias", true}},
       {kActivationAttr, kActivationParamsAttr, kPacked},
       1,
       matmul_rule,
       "numpy matmul: 1-D operands, batch dims broadcast; optional bias [N] added to every row, then the optional "
       "fused activation"},
      {OpKind::gemm,
       {{"a"}, {"b"}, {"c", true}},
       {{"alpha", AttrType::f64, true},
        {"beta", AttrType::f64, true},
        {"trans_a", AttrType::i64, true},
        {"trans_b", AttrType::i64, true},
        kActivationAttr,
        kActivationParamsAttr,
        kPacked},
       1,
       gemm_rule,
       "alpha * op(a) @ op(b) + beta * c, a and b 2-D, c broadcast to [M,N], then the optional fused activation"},
  };
}

}  // namespace ingot::ops
