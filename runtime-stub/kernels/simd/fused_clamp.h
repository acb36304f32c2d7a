// The fused activations the SIMD kernels apply in registers: relu and clip,
// both a clamp. Other kinds are refused (the compiler does not select a SIMD
// variant for them; see compiler/kernel_variants.cc).
#pragma once

#include <cstring>
#include <limits>

#include "ingot/kernel.h"

namespace ingot::rt::simd {

// The clamp a fused activation asks for, or none.
struct Clamp {
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
};

inline Error read_clamp(KernelContext& ctx, Clamp* clamp) {
  const char* activation = ctx.attr_string("activation");
  if (activation[0] == '\0') return Error::ok;
  if (std::strcmp(activation, "relu") == 0) {
    clamp->lo = 0;
    return Error::ok;
  }
  if (std::strcmp(activation, "clip") == 0) {
    const List<double> params = ctx.attr_floats("activation_params");
    if (params.size != 2) return ctx.fail("clip takes min and max");
    clamp->lo = static_cast<float>(params[0]);
    clamp->hi = static_cast<float>(params[1]);
    return Error::ok;
  }
  return ctx.fail("fused activation '%s' has no SIMD kernel", activation);
}

}  // namespace ingot::rt::simd
