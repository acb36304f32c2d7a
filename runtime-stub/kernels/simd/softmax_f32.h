// softmax along the last axis on f32 (attention scores): per row, the
// maximum (a row without a finite maximum is shifted by 0), then
// y = e^(x - max) and its sum in one pass, then y / sum. A row holding NaN
// gives NaN everywhere, as in the reference (which skips NaN in the maximum
// but not in the sum). The reference (kernels/portable/norm_util.h) computes
// in double; simd::exp (exp_f32.h) is within about 1 ulp, so results agree to about 1e-6
// relative.
//
// Uses, besides the traits of gemm_f32.h and exp_f32.h: V::sub, V::div,
// V::hsum(v), V::max(a, b) and V::hmax(v) (NaN wins).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "ingot/kernel.h"
#include "kernels/simd/exp_f32.h"

namespace ingot::rt::simd {

// e^(x + b): x + b rounds (by up to half an ulp of 88 when the logits
// spread widely, 4e-6 relative after exp), so its rounding error, exact by
// TwoSum, multiplies back in: e^(s + err) = e^s (1 + err). Infinite x
// clamps to +-1e30 first (e^s is then inf or 0, as it should be, and err
// stays finite); NaN passes.
template <typename V>
typename V::Vec shifted_exp(typename V::Vec x, typename V::Vec b) {
  x = V::clamp(x, V::set1(-1e30f), V::set1(1e30f));
  const typename V::Vec s = V::add(x, b);
  const typename V::Vec bb = V::sub(s, x);
  const typename V::Vec err = V::add(V::sub(x, V::sub(s, bb)), V::sub(b, bb));
  return V::mul(exp<V>(s), V::add(V::set1(1.0f), err));  // not e + e * err: inf * 0 would be NaN
}

template <typename V>
void softmax_row(const float* x, float* y, int64_t n) {
  using Vec = typename V::Vec;
  Vec max_v = V::set1(-std::numeric_limits<float>::infinity());
  int64_t i = 0;
  for (; i + V::kLanes <= n; i += V::kLanes) {
    max_v = V::max(max_v, V::load(x + i));
  }
  float max = V::hmax(max_v);
  for (; i < n; ++i) {
    if (max == max && !(x[i] <= max)) max = x[i];  // NaN wins
  }
  const Vec neg_shift = V::set1(std::isfinite(max) ? -max : 0.0f);
  Vec sum_v = V::zero();
  for (i = 0; i + V::kLanes <= n; i += V::kLanes) {
    const Vec e = shifted_exp<V>(V::load(x + i), neg_shift);
    V::store(y + i, e);
    sum_v = V::add(sum_v, e);
  }
  if (i < n) {
    const auto tail = V::mask(n - i);
    V::store(y + i, shifted_exp<V>(V::load(x + i, tail), neg_shift), tail);
    sum_v = V::add(sum_v, V::load(y + i, tail));
  }
  const Vec sum = V::set1(V::hsum(sum_v));
  for (i = 0; i + V::kLanes <= n; i += V::kLanes) V::store(y + i, V::div(V::load(y + i), sum));
  if (i < n) {
    const auto tail = V::mask(n - i);
    V::store(y + i, V::div(V::load(y + i, tail), sum), tail);
  }
}

template <typename V>
Error softmax_f32(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an operand");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || y.numel != x->numel || x->rank < 1) return ctx.fail("expects f32");
  if (ctx.attr_int("axis", -1) != x->rank - 1) return ctx.fail("only the last axis");
  const int64_t n = x->dims[x->rank - 1];
  if (n == 0) return Error::ok;
  for (int64_t row = 0; row < x->numel / n; ++row) softmax_row<V>(x->as<float>() + row * n, y.as<float>() + row * n, n);
  return Error::ok;
}

}  // namespace ingot::rt::simd
