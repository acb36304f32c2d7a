// qconv (kernels/portable/qconv.cc) for depthwise 2-D convolutions (group =
// channels = outputs), strides 1 or 2, no dilation, any padding and taps,
// u8 or i8 activations and weights, u8 or i8 output, bit for bit the
// reference kernel: the ISA-free part of the AVX2 and NEON variants
// (../x86/qconv_depthwise_avx2.h, ../arm/qconv_depthwise_neon.h).
//
// Per channel the plane is copied once into a stack buffer with its padding
// filled with x_zero_point (the real 0), so the taps need no bounds checks;
// with stride 2 the copy splits each row into its even and odd columns (the
// ISA's Channel::split_phases), so that every tap reads consecutive inputs
// either way. x is not centred per load: sum (x - x_zp) * w' = sum x * w' -
// x_zp * sum w' (mod 2^32, as the reference's wrapping sum), the second term
// folded into the bias once per channel; padding holds x_zp, so it adds
// x_zp * w' that the fold takes back, exactly as a reference tap skipped.
// The ISA's Channel::run computes one channel's output plane from the
// padded plane, the centred weights w' (in [-255, 255]) and the folded bias.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/qconv_operands.h"
#include "kernels/simd/qconv_depthwise_shape.h"

namespace ingot::rt::simd {

// The channel's plane with its padding, row r of phase q (column 2i + q of
// the padded row with stride 2) at plane + (r * stride + q) * row_width().
// With stride 2 a row is padded in `row` first (2 * row_width() values),
// then split.
template <class Channel, typename X>
void pad_plane(const QdwShape& s, const X* x, X pad, X* plane, X* row) {
  const int64_t width = s.row_width(), rows = s.padded_rows();
  std::fill(plane, plane + rows * s.stride * width, pad);
  if (s.stride == 2) std::fill(row, row + 2 * width, pad);
  for (int64_t iy = 0; iy < s.h; ++iy) {
    X* dst = plane + (iy + s.pt) * s.stride * width;
    if (s.stride == 1) {
      std::memcpy(dst + s.pl, x + iy * s.w, static_cast<size_t>(s.w));
    } else {
      std::memcpy(row + s.pl, x + iy * s.w, static_cast<size_t>(s.w));
      Channel::split_phases(row, s.w + s.pl, dst, dst + width);
    }
  }
}

// Channel c's taps centred on its weight zero point (in [-255, 255]) into
// centred[0, taps), and its bias with x_zero_point's share folded in.
template <typename W>
int32_t centre_channel(const portable::QconvOperands& ops, int64_t c, int64_t taps, int32_t* centred) {
  const W* w = ops.w->as<W>() + c * taps;
  const int32_t w_zero_point = ops.w_zero_point_of(c);
  uint32_t weight_sum = 0;
  for (int64_t t = 0; t < taps; ++t) {
    centred[t] = int32_t{w[t]} - w_zero_point;
    weight_sum += static_cast<uint32_t>(centred[t]);
  }
  const uint32_t bias = ops.bias != nullptr ? static_cast<uint32_t>(ops.bias->as<int32_t>()[c]) : 0u;
  return static_cast<int32_t>(bias - static_cast<uint32_t>(ops.x_zero_point) * weight_sum);
}

// Channels [begin, end) of images x channels.
template <class Channel, typename X, typename W, typename Y>
void qdw_run(const QdwShape& s, int64_t channels, const portable::QconvOperands& ops, int64_t begin, int64_t end) {
  alignas(32) X plane[kDwPlaneBytes];
  alignas(32) X row[2 * kDwMaxRowWidth];
  int32_t centred[kDwMaxTaps];
  const int64_t taps = s.kh * s.kw;
  const portable::Requantization& q = ops.requant;
  for (int64_t index = begin; index < end; ++index) {
    const int64_t c = index % channels;
    const int32_t folded = centre_channel<W>(ops, c, taps, centred);
    const size_t i = q.multiplier.size == 1 ? 0 : static_cast<size_t>(c);
    pad_plane<Channel>(s, ops.x->as<X>() + index * s.h * s.w, static_cast<X>(ops.x_zero_point), plane, row);
    Channel::template run<X, Y>(s, plane, centred, folded, static_cast<int32_t>(q.multiplier[i]), static_cast<int32_t>(q.shift[i]), q,
                                ops.y->as<Y>() + index * s.oh * s.ow);
  }
}

// A depthwise qconv's operands and geometry, checked as the reference
// checks them, for a variant that writes only Y.
template <typename Y>
Error read_qdw(KernelContext& ctx, portable::QconvOperands* ops, QdwShape* s) {
  portable::Window window;
  int64_t group = 1;
  const DType y_dtype = std::is_signed_v<Y> ? DType::i8 : DType::u8;
  if (Error e = portable::read_qconv_2d(ctx, y_dtype, ops, &window, &group); e != Error::ok) return e;
  const Tensor &x = *ops->x, &w = *ops->w, &y = *ops->y;
  if (group != x.dims[1] || w.dims[0] != group) return ctx.fail("expects a depthwise convolution");
  if (window.strides[0] != window.strides[1] || window.dilations[0] != 1 || window.dilations[1] != 1) {
    return ctx.fail("expects equal strides and no dilation");
  }
  *s = QdwShape{x.dims[2], x.dims[3], y.dims[2], y.dims[3], w.dims[2], w.dims[3], window.strides[0], window.pad_begin(0),
                window.pad_begin(1)};
  return Error::ok;
}

// Y: the output's type, uint8_t or int8_t (the variant's dtype).
template <class Channel, typename Y>
Error qconv_depthwise(KernelContext& ctx) {
  portable::QconvOperands ops{};
  QdwShape s{};
  if (Error e = read_qdw<Y>(ctx, &ops, &s); e != Error::ok) return e;
  if (!qdw_fits(s)) return ctx.fail("expects strides 1 or 2, at most %lld taps and a plane within the stack buffer", static_cast<long long>(kDwMaxTaps));
  if (ops.y->numel == 0) return Error::ok;
  const Tensor& x = *ops.x;
  const int64_t group = x.dims[1];
  auto run = [&](auto x_type, auto w_type) {
    using X = decltype(x_type);
    using W = decltype(w_type);
    ctx.parallel_for(x.dims[0] * group, [&](int64_t begin, int64_t end) { qdw_run<Channel, X, W, Y>(s, group, ops, begin, end); });
  };
  portable::with_8bit_types(x.dtype, ops.w->dtype, run);
  return Error::ok;
}

}  // namespace ingot::rt::simd
