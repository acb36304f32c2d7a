// The window attributes the SIMD 2-D convolution kernels without dilation
// read alike (depthwise_interleaved_f32.h, conv_direct_f32.h): equal strides,
// four pads, every dilation 1.
#pragma once

#include <cstdint>

#include "ingot/kernel.h"

namespace ingot::rt::simd {

struct ConvWindow {
  int64_t stride = 1;
  List<int64_t> pads;  // top, left, bottom, right
};

inline Error read_conv_window(KernelContext& ctx, ConvWindow* window) {
  const List<int64_t> strides = ctx.attr_ints("strides"), pads = ctx.attr_ints("pads"), dilations = ctx.attr_ints("dilations");
  if (strides.size != 2 || pads.size != 4 || strides[0] != strides[1]) return ctx.fail("expects equal strides and four pads");
  for (int64_t d : dilations) {
    if (d != 1) return ctx.fail("no dilation");
  }
  window->stride = strides[0];
  window->pads = pads;
  return Error::ok;
}

}  // namespace ingot::rt::simd
