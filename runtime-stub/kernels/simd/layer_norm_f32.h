// layer_norm on f32 over the trailing axes [axis, rank) with a scale (and a
// bias) of the normalised block's size: per row, the mean, then the
// population variance of x - mean (two passes, as the reference), then
// y = (x - mean) / sqrt(var + epsilon) * scale + bias in one pass. The
// reference (kernels/portable/layer_norm.cc) sums in double; these sums are
// f32 in four vector accumulators, which agrees to about 1e-6 relative of
// the row's spread.
//
// Uses, besides the traits of gemm_f32.h: V::sub, V::mul, V::hsum.
#pragma once

#include <cmath>
#include <cstdint>

#include "ingot/kernel.h"

namespace ingot::rt::simd {

// The sum of f(v) over a row of n elements, v = x[i] as a vector; the
// tail's lanes past n are dropped after f.
template <typename V, typename F>
float row_sum(const float* x, int64_t n, F f) {
  using Vec = typename V::Vec;
  Vec acc0 = V::zero(), acc1 = V::zero(), acc2 = V::zero(), acc3 = V::zero();
  int64_t i = 0;
  for (; i + 4 * V::kLanes <= n; i += 4 * V::kLanes) {
    acc0 = V::add(acc0, f(V::load(x + i)));
    acc1 = V::add(acc1, f(V::load(x + i + V::kLanes)));
    acc2 = V::add(acc2, f(V::load(x + i + 2 * V::kLanes)));
    acc3 = V::add(acc3, f(V::load(x + i + 3 * V::kLanes)));
  }
  for (; i + V::kLanes <= n; i += V::kLanes) acc0 = V::add(acc0, f(V::load(x + i)));
  if (i < n) {
    const auto tail = V::mask(n - i);
    alignas(64) float lanes[V::kLanes];
    V::store(lanes, f(V::load(x + i, tail)));
    acc1 = V::add(acc1, V::load(lanes, tail));
  }
  return V::hsum(V::add(V::add(acc0, acc1), V::add(acc2, acc3)));
}

template <typename V>
Error layer_norm_f32(KernelContext& ctx) {
  using Vec = typename V::Vec;
  const Tensor* x = ctx.input(0);
  const Tensor* scale = ctx.input(1);
  const Tensor* bias = ctx.input(2);
  if (x == nullptr || scale == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects x and a scale");
  const Tensor& y = ctx.output(0);
  const int64_t axis = ctx.attr_int("axis", -1);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || scale->dtype != DType::f32 || y.numel != x->numel || axis < 0 ||
      axis >= x->rank) {
    return ctx.fail("expects f32 and an axis in range");
  }
  int64_t n = 1;
  for (int32_t d = static_cast<int32_t>(axis); d < x->rank; ++d) n *= x->dims[d];
  if (scale->numel != n || (bias != nullptr && (bias->dtype != DType::f32 || bias->numel != n))) {
    return ctx.fail("the scale and bias must have the normalised block's size");
  }
  if (n == 0) return Error::ok;
  const float epsilon = static_cast<float>(ctx.attr_float("epsilon", 1e-5));
  const float* s = scale->as<float>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  for (int64_t row = 0; row < x->numel / n; ++row) {
    const float* in = x->as<float>() + row * n;
    float* out = y.as<float>() + row * n;
    const float mean = row_sum<V>(in, n, [](Vec v) { return v; }) / static_cast<float>(n);
    const Vec mean_v = V::set1(mean);
    const float squares = row_sum<V>(in, n, [&](Vec v) {
      const Vec d = V::sub(v, mean_v);
      return V::mul(d, d);
    });
    const Vec inv_std = V::set1(1.0f / std::sqrt(squares / static_cast<float>(n) + epsilon));
    int64_t i = 0;
    for (; i + V::kLanes <= n; i += V::kLanes) {
      const Vec normalized = V::mul(V::sub(V::load(in + i), mean_v), inv_std);
      V::store(out + i, b != nullptr ? V::fmadd(normalized, V::load(s + i), V::load(b + i)) : V::mul(normalized, V::load(s + i)));
    }
    if (i < n) {
      const auto tail = V::mask(n - i);
      const Vec normalized = V::mul(V::sub(V::load(in + i, tail), mean_v), inv_std);
      V::store(out + i,
               b != nullptr ? V::fmadd(normalized, V::load(s + i, tail), V::load(b + i, tail)) : V::mul(normalized, V::load(s + i, tail)),
               tail);
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
