// A 2-D convolution with unit strides and one group, as a sum of GEMMs over
// shifted views of the input, with no scratch memory: for output row oy and
// kernel tap (ky, kx), y[:, oy, ox] += w[:, :, ky, kx] * x[:, oy + ky - pt,
// ox + kx - pl] for the columns ox whose tap lies inside the input row
// (padding contributes nothing). Weights are read across taps with a step
// (GemmArgs::a_step), the input's channels are the GEMM's K with a step of
// one plane. The bias goes in first, the fused activation last.
#pragma once

#include <algorithm>
#include <limits>

#include "ingot/kernel.h"
#include "kernels/simd/f32_operands.h"
#include "kernels/simd/fused_activation.h"
#include "kernels/simd/gemm_f32.h"

namespace ingot::rt::simd {

template <typename V>
Error conv_gemm_f32(KernelContext& ctx) {
  F32Operands ops;
  if (Error e = f32_operands(ctx, &ops); e != Error::ok) return e;
  const Tensor* x = ops.a;
  const Tensor* w = ops.b;
  const Tensor* bias = ops.bias;
  const Tensor& y = *ops.y;
  if (x->rank != 4 || w->rank != 4 || y.rank != 4 || ctx.attr_int("group", 1) != 1) return ctx.fail("expects an ungrouped 2-D convolution");
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || strides[0] != 1 || strides[1] != 1) return ctx.fail("only unit strides");
  for (int64_t d : dilations) {
    if (d != 1) return ctx.fail("no dilation");
  }
  Activation act;
  if (Error e = read_activation(ctx, &act); e != Error::ok) return e;
  const int64_t channels = x->dims[1], h = x->dims[2], wd = x->dims[3];
  const int64_t m = w->dims[0], kh = w->dims[2], kw = w->dims[3];
  const int64_t oh = y.dims[2], ow = y.dims[3];
  if (w->dims[1] != channels || y.dims[1] != m) return ctx.fail("channel counts do not match");
  const int64_t pad_top = pads[0], pad_left = pads[1];
  for (int64_t image = 0; image < x->dims[0]; ++image) {
    const float* in = x->as<float>() + image * channels * h * wd;
    float* out = y.as<float>() + image * m * oh * ow;
    for (int64_t o = 0; o < m; ++o) {
      std::fill(out + o * oh * ow, out + (o + 1) * oh * ow, bias != nullptr ? bias->as<float>()[o] : 0.0f);
    }
    GemmArgs g;
    g.m = m;
    g.k = channels;
    g.lda = channels * kh * kw;
    g.a_step = kh * kw;
    g.ldb = h * wd;
    g.ldc = oh * ow;
    g.accumulate = true;
    for (int64_t oy = 0; oy < oh; ++oy) {
      for (int64_t ky = 0; ky < kh; ++ky) {
        const int64_t iy = oy + ky - pad_top;
        if (iy < 0 || iy >= h) continue;
        for (int64_t kx = 0; kx < kw; ++kx) {
          const int64_t shift = kx - pad_left;  // ix = ox + shift
          const int64_t ox_begin = std::max<int64_t>(0, -shift), ox_end = std::min(ow, wd - shift);
          if (ox_begin >= ox_end) continue;
          g.n = ox_end - ox_begin;
          g.a = w->as<float>() + ky * kw + kx;
          g.b = in + iy * wd + ox_begin + shift;
          g.c = out + oy * ow + ox_begin;
          gemm_f32<V>(g);
        }
      }
    }
    activate_in_place<V>(out, m * oh * ow, act);
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
