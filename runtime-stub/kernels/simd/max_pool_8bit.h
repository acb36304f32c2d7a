// max_pool (kernels/portable/max_pool.cc) of u8 or i8 data: 2-D, any
// window, strides, padding, dilations and ceil mode, no indices output. The
// maximum of raw 8-bit values is the quantized maximum, so the result is the
// reference's exactly. Per output row, the rows its window covers are
// reduced into one row with vector byte maxima (the ISA's RowMax:
// RowMax::max_into(row, src) sets row[i] = max(row[i], src[i]) for
// RowMax::kBytes bytes, row aligned to 32), then each output takes the
// maximum of its window's columns of that row; a window entirely in the
// padding gives the type's lowest value, as the reference's. Threads split
// the planes. Instantiated by ../x86/max_pool_8bit_avx2.h and
// ../arm/max_pool_8bit_neon.h.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/pool_util.h"

namespace ingot::rt::simd {

inline constexpr int64_t kPoolMaxWidth = 8192;  // the reduced row on the stack

template <typename RowMax, typename T>
void max_pool_plane(const portable::PoolWindow& window, const T* x, int64_t h, int64_t w, T* y, int64_t oh, int64_t ow) {
  alignas(32) T row[kPoolMaxWidth];
  const int64_t kh = window.kernel[0], kw = window.kernel[1];
  for (int64_t oy = 0; oy < oh; ++oy) {
    const int64_t iy0 = oy * window.strides[0] - window.pad_begin(0);
    int64_t rows = 0;
    for (int64_t ky = 0; ky < kh; ++ky) {
      const int64_t iy = iy0 + ky * window.dilations[0];
      if (iy < 0 || iy >= h) continue;
      const T* src = x + iy * w;
      if (rows++ == 0) {
        std::copy(src, src + w, row);
        continue;
      }
      int64_t ix = 0;
      for (; ix + RowMax::kBytes <= w; ix += RowMax::kBytes) RowMax::max_into(row + ix, src + ix);
      for (; ix < w; ++ix) row[ix] = std::max(row[ix], src[ix]);
    }
    T* out = y + oy * ow;
    if (rows == 0) {
      std::fill(out, out + ow, std::numeric_limits<T>::lowest());
      continue;
    }
    for (int64_t ox = 0; ox < ow; ++ox) {
      const int64_t ix0 = ox * window.strides[1] - window.pad_begin(1);
      T best = std::numeric_limits<T>::lowest();
      for (int64_t kx = 0; kx < kw; ++kx) {
        const int64_t ix = ix0 + kx * window.dilations[1];
        if (ix >= 0 && ix < w) best = std::max(best, row[ix]);
      }
      out[ox] = best;
    }
  }
}

// T: the data's type, uint8_t or int8_t (the variant's dtype); RowMax:
// the ISA's row maxima.
template <typename RowMax, typename T>
Error max_pool_8bit(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  portable::PoolWindow window;
  if (Error e = portable::read_pool_window(ctx, x, y, &window); e != Error::ok) return e;
  const DType dtype = std::is_signed_v<T> ? DType::i8 : DType::u8;
  if (x->dtype != dtype || x->rank != 4 || ctx.num_outputs() > 1) return ctx.fail("this variant takes 2-D %s pooling without indices", dtype_name(dtype));
  if (x->dims[3] > kPoolMaxWidth) return ctx.fail("rows wider than %lld", static_cast<long long>(kPoolMaxWidth));
  const int64_t h = x->dims[2], w = x->dims[3], oh = y.dims[2], ow = y.dims[3];
  if (y.numel == 0) return Error::ok;
  ctx.parallel_for(x->dims[0] * x->dims[1], [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) max_pool_plane<RowMax>(window, x->as<T>() + p * h * w, h, w, y.as<T>() + p * oh * ow, oh, ow);
  });
  return Error::ok;
}

}  // namespace ingot::rt::simd
