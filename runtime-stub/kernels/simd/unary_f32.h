// Elementwise f32 functions: sigmoid = 1 / (1 + e^-x) on simd::exp, erf (the
// exact gelu is x / 2 (1 + erf(x / sqrt 2)), of which erf is the only
// piece without a vector kernel otherwise)
// and silu (efficientnet's swish x * sigmoid(x), which the fuse pass makes
// one op). The
// reference (kernels/portable/sigmoid.cc) computes in double; these agree to
// a few ulp. Operand and result of the same size (the result may overwrite
// the operand: the memory plan does that).
//
// pow(x, 2) as a product. Uses, besides the traits of gemm_f32.h and exp_f32.h:
// V::div, V::sub, V::mul.
#pragma once

#include <cstdint>

#include "ingot/kernel.h"
#include "kernels/simd/exp_f32.h"

namespace ingot::rt::simd {

template <typename V>
typename V::Vec sigmoid(typename V::Vec x) {
  const typename V::Vec one = V::set1(1.0f);
  return V::div(one, V::add(one, exp<V>(V::sub(V::zero(), x))));
}

// silu(x) = x / (1 + e^-x): one pass where a sigmoid and a mul would be two.
template <typename V>
typename V::Vec silu(typename V::Vec x) {
  return V::div(x, V::add(V::set1(1.0f), exp<V>(V::sub(V::zero(), x))));
}

// erf(x) as x P(x^2) / Q(x^2) on x clamped to [-4, 4] (erf is 1 to f32
// precision beyond), the rational approximation of Eigen and XLA; within a
// few ulp. NaN passes the clamp.
template <typename V>
typename V::Vec erf(typename V::Vec x) {
  using Vec = typename V::Vec;
  x = V::clamp(x, V::set1(-4.0f), V::set1(4.0f));
  const Vec x2 = V::mul(x, x);
  Vec p = V::fmadd(x2, V::set1(-2.72614225801306e-10f), V::set1(2.77068142495902e-08f));
  p = V::fmadd(x2, p, V::set1(-2.10102402082508e-06f));
  p = V::fmadd(x2, p, V::set1(-5.69250639462346e-05f));
  p = V::fmadd(x2, p, V::set1(-7.34990630326855e-04f));
  p = V::fmadd(x2, p, V::set1(-2.95459980854025e-03f));
  p = V::fmadd(x2, p, V::set1(-1.60960333262415e-02f));
  p = V::mul(x, p);
  Vec q = V::fmadd(x2, V::set1(-1.45660718464996e-05f), V::set1(-2.13374055278905e-04f));
  q = V::fmadd(x2, q, V::set1(-1.68282697438203e-03f));
  q = V::fmadd(x2, q, V::set1(-7.37332916720468e-03f));
  q = V::fmadd(x2, q, V::set1(-1.42647390514189e-02f));
  return V::div(p, q);
}

// y = f(x) elementwise, vectors then a masked tail.
template <typename V, typename F>
Error map_f32(KernelContext& ctx, F f) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an operand");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || y.numel != x->numel) return ctx.fail("expects f32 of the result's size");
  const float* in = x->as<float>();
  float* out = y.as<float>();
  // Blocks of kMapBlock elements split over the threads; each ends with its
  // own masked tail, so the last block may be short.
  constexpr int64_t kMapBlock = 16384;
  const int64_t n = y.numel;
  ctx.parallel_for((n + kMapBlock - 1) / kMapBlock, [&](int64_t first, int64_t last) {
    const int64_t end = last * kMapBlock < n ? last * kMapBlock : n;
    int64_t i = first * kMapBlock;
    for (; i + V::kLanes <= end; i += V::kLanes) V::store(out + i, f(V::load(in + i)));
    if (i < end) {
      const auto tail = V::mask(end - i);
      V::store(out + i, f(V::load(in + i, tail)), tail);
    }
  });
  return Error::ok;
}

template <typename V>
Error erf_f32(KernelContext& ctx) {
  return map_f32<V>(ctx, [](typename V::Vec v) { return erf<V>(v); });
}

template <typename V>
Error sigmoid_f32(KernelContext& ctx) {
  return map_f32<V>(ctx, [](typename V::Vec v) { return sigmoid<V>(v); });
}

template <typename V>
Error silu_f32(KernelContext& ctx) {
  return map_f32<V>(ctx, [](typename V::Vec v) { return silu<V>(v); });
}

// pow(x, 2) as x * x (layer norm written out squares the deviations): the
// reference computes pow in double, where the square of a float is exact,
// so the rounded results are the same bits.
template <typename V>
Error pow_square_f32(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor* e = ctx.input(1);
  if (x == nullptr || e == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects x and an exponent");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || e->dtype != DType::f32 || y.dtype != DType::f32 || y.numel != x->numel || e->numel != 1 ||
      e->as<float>()[0] != 2.0f) {
    return ctx.fail("only f32 x of the result's size to the power of a single 2");
  }
  const float* in = x->as<float>();
  float* out = y.as<float>();
  const int64_t n = y.numel;
  int64_t i = 0;
  for (; i + V::kLanes <= n; i += V::kLanes) {
    const typename V::Vec v = V::load(in + i);
    V::store(out + i, V::mul(v, v));
  }
  for (; i < n; ++i) out[i] = in[i] * in[i];
  return Error::ok;
}

}  // namespace ingot::rt::simd
