// The fused activations the SIMD kernels apply in registers: relu and clip
// (a clamp) and silu. Other kinds are refused (the compiler does not select
// a SIMD variant for them; see compiler/kernel_variants.cc).
//
// "Fusing never changes a value" (kernels/portable/fused_activation.h): a
// fused silu is simd::silu of unary_f32.h, the arithmetic of the ISA's
// standalone silu.vec kernel, lane for lane; the few elements a kernel
// finishes one at a time (borders, tails) go through the same vector code in
// one lane, never through a scalar formula of their own.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

#include "ingot/kernel.h"
#include "kernels/simd/unary_f32.h"

namespace ingot::rt::simd {

// The activation a node asks for: a clamp (infinite bounds when none) or silu.
struct Activation {
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
  bool silu = false;

  bool is_none() const {
    return !silu && lo == -std::numeric_limits<float>::infinity() && hi == std::numeric_limits<float>::infinity();
  }
};

// The attributes name it; a fused node of two products (expand_depthwise)
// carries a second pair for its first product.
inline Error read_activation(KernelContext& ctx, Activation* act, const char* kind_attr = "activation",
                             const char* params_attr = "activation_params") {
  const char* activation = ctx.attr_string(kind_attr);
  if (activation[0] == '\0') return Error::ok;
  if (std::strcmp(activation, "relu") == 0) {
    act->lo = 0;
    return Error::ok;
  }
  if (std::strcmp(activation, "clip") == 0) {
    const List<double> params = ctx.attr_floats(params_attr);
    if (params.size != 2) return ctx.fail("clip takes min and max");
    act->lo = static_cast<float>(params[0]);
    act->hi = static_cast<float>(params[1]);
    return Error::ok;
  }
  if (std::strcmp(activation, "silu") == 0) {
    act->silu = true;
    return Error::ok;
  }
  return ctx.fail("fused activation '%s' has no SIMD kernel", activation);
}

// An Activation with its bounds in registers, for the inner loops:
// `v = regs(v)`. The silu test is one predictable branch per vector.
template <typename V>
struct ActivationRegs {
  using Vec = typename V::Vec;
  Vec lo, hi;
  bool silu;

  explicit ActivationRegs(const Activation& act) : lo(V::set1(act.lo)), hi(V::set1(act.hi)), silu(act.silu) {}

  Vec operator()(Vec v) const { return silu ? simd::silu<V>(v) : V::clamp(v, lo, hi); }
};

// One element: the clamp as the portable clip does it ("x < lo ? lo : x",
// NaN passes), silu in one lane of the vector code.
template <typename V>
float activate_scalar(float x, const Activation& act) {
  if (act.silu) {
    alignas(64) float lanes[V::kLanes];
    V::store(lanes, simd::silu<V>(V::set1(x)));
    return lanes[0];
  }
  if (x < act.lo) x = act.lo;
  if (act.hi < x) x = act.hi;
  return x;
}

// y[0, n) in place, vectors then a masked tail.
template <typename V>
void activate_in_place(float* y, int64_t n, const Activation& act) {
  if (act.is_none()) return;
  const ActivationRegs<V> regs(act);
  int64_t i = 0;
  for (; i + V::kLanes <= n; i += V::kLanes) V::store(y + i, regs(V::load(y + i)));
  if (i < n) {
    const auto tail = V::mask(n - i);
    V::store(y + i, regs(V::load(y + i, tail)), tail);
  }
}

}  // namespace ingot::rt::simd
