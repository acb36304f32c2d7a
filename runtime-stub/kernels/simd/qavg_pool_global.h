// qavg_pool (kernels/portable/qavg_pool.cc) whose window is the whole plane
// and unpadded (a quantized GlobalAveragePool, mobilenet_v2's 1280 x 7 x 7
// before its classifier), bit for bit the reference: the ISA-free part
// (the ISA's byte sums: ../x86/qavg_pool_global_avx2.h,
// ../arm/qavg_pool_global_neon.h). The reference walks each window element
// by element through its generic window visitor; here each plane is one run
// of bytes summed in vectors, and only the mean and its requantization run
// once per plane in scalar code (portable::qavg_mean, Requantization::apply:
// the reference's own functions).
//
// The ISA sums bytes as unsigned after an xor with `flip`: 0 for u8, 0x80
// for i8, which maps x to x + 128; so sum (x - x_zero_point) = flipped sum -
// count * (x_zero_point + (i8 ? 128 : 0)), exactly, in i64.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qavg_pool_util.h"

namespace ingot::rt::simd {

// Whether a qavg_pool with these window attributes over x [N, C, spatial...]
// into y is global: every kernel dim the input's, no padding, no dilation,
// one output position (the compiler asks too).
inline bool qavg_pool_is_global(int32_t spatial, const int64_t* x_spatial, const int64_t* y_spatial, const int64_t* kernel,
                                const int64_t* pads, const int64_t* dilations) {
  for (int32_t i = 0; i < spatial; ++i) {
    if (kernel[i] != x_spatial[i] || y_spatial[i] != 1 || pads[i] != 0 || pads[spatial + i] != 0 || dilations[i] != 1) return false;
  }
  return true;
}

// sum of (p[i] ^ flip) over i < n, the bytes as unsigned: Sum::kBlock bytes
// at a time, the tail from a block filled with `flip` (which adds 0).
template <class Sum>
int64_t flipped_byte_sum(const uint8_t* p, int64_t n, uint8_t flip) {
  typename Sum::Acc acc = Sum::zero();
  int64_t i = 0;
  for (; i + Sum::kBlock <= n; i += Sum::kBlock) acc = Sum::add(acc, p + i, flip);
  if (i < n) {
    alignas(64) uint8_t tail[Sum::kBlock];
    std::memset(tail, flip, sizeof(tail));
    std::memcpy(tail, p + i, static_cast<size_t>(n - i));
    acc = Sum::add(acc, tail, flip);
  }
  return Sum::total(acc);
}

// T: x's and y's type, uint8_t or int8_t (the variant's dtype).
template <class Sum, typename T>
Error qavg_pool_global(KernelContext& ctx) {
  portable::QavgPoolOperands ops;
  if (Error e = portable::read_qavg_pool(ctx, &ops); e != Error::ok) return e;
  const Tensor &x = *ctx.input(0), &y = ctx.output(0);
  const DType dtype = std::is_signed_v<T> ? DType::i8 : DType::u8;
  if (x.dtype != dtype) return ctx.fail("this variant takes %s, not %s", dtype_name(dtype), dtype_name(x.dtype));
  const portable::PoolWindow& w = ops.window;
  if (!qavg_pool_is_global(w.spatial, x.dims + 2, y.dims + 2, w.kernel, w.pads, w.dilations)) {
    return ctx.fail("expects a window over the whole unpadded plane");
  }
  const int64_t planes = x.dims[0] * x.dims[1], plane = x.numel / (planes > 0 ? planes : 1);
  if (y.numel == 0) return Error::ok;
  const uint8_t flip = std::is_signed_v<T> ? 0x80 : 0;
  const int64_t offset = plane * (int64_t{ops.x_zero_point} + (std::is_signed_v<T> ? 128 : 0));
  ctx.parallel_for(planes, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t sum = flipped_byte_sum<Sum>(x.as<uint8_t>() + i * plane, plane, flip) - offset;
      y.as<T>()[i] = static_cast<T>(ops.requant.apply(portable::qavg_mean(sum, plane), 0));
    }
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
