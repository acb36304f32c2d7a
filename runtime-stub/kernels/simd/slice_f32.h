// slice on f32 (4-byte elements) in the attribute form (bounds clamped by
// the compiler) with positive steps: the innermost axes taken whole, and the
// next one if its step is 1, form runs contiguous in both tensors, copied
// whole (shufflenet's channel split takes half the channels: one run per
// image); the other axes walk the operand with incremental offsets.
#pragma once

#include <cstdint>
#include <cstring>

#include "ingot/kernel.h"

namespace ingot::rt::simd {

inline Error slice_f32(KernelContext& ctx) {
  constexpr int32_t kMaxAxes = 8;
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.input(1) != nullptr || ctx.num_outputs() != 1) return ctx.fail("expects the attribute form");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || x->rank != y.rank || x->rank > kMaxAxes) {
    return ctx.fail("expects f32 of the operand's rank, at most 8");
  }
  const int32_t rank = x->rank;
  int64_t start[kMaxAxes], step[kMaxAxes];
  for (int32_t d = 0; d < rank; ++d) start[d] = 0, step[d] = 1;
  const List<int64_t> starts = ctx.attr_ints("starts"), ends = ctx.attr_ints("ends"), axes = ctx.attr_ints("axes"),
                      steps = ctx.attr_ints("steps");
  if (ends.size != starts.size || axes.size != starts.size || steps.size != starts.size) return ctx.fail("mismatched parameters");
  for (size_t i = 0; i < starts.size; ++i) {
    const int64_t axis = axes[i];
    if (axis < 0 || axis >= rank || steps[i] < 1 || starts[i] < 0 || starts[i] > x->dims[axis]) {
      return ctx.fail("only clamped bounds and positive steps");
    }
    start[axis] = starts[i];
    step[axis] = steps[i];
  }
  int64_t x_strides[kMaxAxes];
  for (int32_t d = rank - 1, s = 1; d >= 0; --d) {
    x_strides[d] = s;
    s *= x->dims[d];
  }
  int64_t offset = 0;
  for (int32_t d = 0; d < rank; ++d) {
    // The last picked index must lie inside the operand.
    if (y.dims[d] > 0 && start[d] + (y.dims[d] - 1) * step[d] >= x->dims[d]) return ctx.fail("the output is larger than the slice");
    offset += start[d] * x_strides[d];
  }
  if (y.numel == 0) return Error::ok;
  // Runs: whole innermost axes, then one more with step 1.
  int32_t outer = rank;
  int64_t run = 1;
  while (outer > 0 && start[outer - 1] == 0 && step[outer - 1] == 1 && y.dims[outer - 1] == x->dims[outer - 1]) run *= y.dims[--outer];
  if (outer > 0 && step[outer - 1] == 1) run *= y.dims[--outer];
  const float* in = x->as<float>();
  float* out = y.as<float>();
  int64_t index[kMaxAxes] = {};
  const int64_t runs = y.numel / run;
  for (int64_t r = 0; r < runs; ++r) {
    std::memcpy(out + r * run, in + offset, static_cast<size_t>(run) * sizeof(float));
    for (int32_t d = outer - 1; d >= 0; --d) {
      offset += step[d] * x_strides[d];
      if (++index[d] < y.dims[d]) break;
      offset -= step[d] * x_strides[d] * y.dims[d];
      index[d] = 0;
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
