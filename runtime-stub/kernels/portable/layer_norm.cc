// layer_norm: (x - mean) / sqrt(var + epsilon) * scale + bias, with mean and
// (population) variance over the axes [axis, rank) of each row, and scale
// and bias broadcast to those axes' shape. Two passes for the statistics.
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {
namespace {

// Strides of a parameter broadcast to the normalised shape (right-aligned,
// 0 along its size-1 dims); false when it does not broadcast.
bool param_strides(const Tensor& p, const int64_t* dims, int32_t rank, int64_t* strides) {
  if (p.rank > rank) return false;
  int64_t own[kMaxRank];
  row_major_strides(p.dims, p.rank, own);
  const int32_t lead = rank - p.rank;
  for (int32_t d = 0; d < rank; ++d) {
    if (d < lead) {
      strides[d] = 0;
      continue;
    }
    const int64_t dim = p.dims[d - lead];
    if (dim != 1 && dim != dims[d]) return false;
    strides[d] = dim == 1 ? 0 : own[d - lead];
  }
  return true;
}

}  // namespace

Error kernel_layer_norm(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* scale = ctx.input(1);
  const Tensor* bias = ctx.input(2);  // optional
  const Tensor& y = ctx.output(0);
  if (x == nullptr || scale == nullptr) return ctx.fail("the operand or the scale is missing");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  if (x->dtype != y.dtype || !same_dims(*x, y)) return ctx.fail("the output must match the operand");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= x->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x->rank);
  const double epsilon = ctx.attr_float("epsilon", 1e-5);

  // Each row is the trailing block x.dims[axis:], of `count` elements.
  const int64_t* dims = x->dims + axis;
  const int32_t rank = x->rank - static_cast<int32_t>(axis);
  int64_t rows = 1, count = 1;
  for (int32_t d = 0; d < axis; ++d) rows *= x->dims[d];
  for (int32_t d = 0; d < rank; ++d) count *= dims[d];
  int64_t scale_strides[kMaxRank], bias_strides[kMaxRank];
  if (scale->dtype != x->dtype || !param_strides(*scale, dims, rank, scale_strides)) {
    return ctx.fail("the scale does not broadcast to the normalised shape");
  }
  if (bias != nullptr && (bias->dtype != x->dtype || !param_strides(*bias, dims, rank, bias_strides))) {
    return ctx.fail("the bias does not broadcast to the normalised shape");
  }

  return visit_float_dtype(ctx, x->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    for (int64_t r = 0; r < rows; ++r) {
      const T* in = x->as<T>() + r * count;
      T* out = y.as<T>() + r * count;
      double sum = 0;
      for (int64_t i = 0; i < count; ++i) sum += static_cast<double>(in[i]);
      const double mean = sum / static_cast<double>(count);
      double squares = 0;
      for (int64_t i = 0; i < count; ++i) {
        const double d = static_cast<double>(in[i]) - mean;
        squares += d * d;
      }
      const double inv_std = 1.0 / std::sqrt(squares / static_cast<double>(count) + epsilon);
      int64_t i = 0;
      for_each_index(dims, rank, [&](const int64_t* index) {
        // ONNX's function rounds the normalised value to x's type before
        // the scale and bias; so does this (it matters for f16 and bf16).
        const T normalized = static_cast<T>((static_cast<double>(in[i]) - mean) * inv_std);
        double value = static_cast<double>(normalized) * static_cast<double>(scale->as<T>()[dot(index, scale_strides, rank)]);
        if (bias != nullptr) value += static_cast<double>(bias->as<T>()[dot(index, bias_strides, rank)]);
        out[i++] = static_cast<T>(value);
      });
    }
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
