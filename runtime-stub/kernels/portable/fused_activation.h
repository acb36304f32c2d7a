// The activation a conv, matmul, gemm, add, sub, mul or div node may carry
// (attributes `activation` and `activation_params`, set by the fuse pass).
// It is applied to the finished result with the formula and rounding of the
// standalone kernel of the same name (relu.cc, clip.cc, ...), so fusing never
// changes a value. Optimized kernels apply it in registers instead; this
// reference version is the definition they are tested against.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ingot/kernel.h"
#include "kernels/portable/elementwise.h"
#include "kernels/portable/util.h"

namespace ingot::rt::portable {

enum class ActivationKind { none, relu, clip, sigmoid, tanh, hard_swish, hard_sigmoid, leaky_relu, silu };

struct FusedActivation {
  ActivationKind kind = ActivationKind::none;
  double p0 = 0;  // clip: min; leaky_relu, hard_sigmoid: alpha
  double p1 = 0;  // clip: max; hard_sigmoid: beta
};

// The attributes name it; a fused node of two products (expand_depthwise)
// carries a second pair for its first product.
inline Error read_fused_activation(KernelContext& ctx, FusedActivation* out, const char* kind_attr = "activation",
                                   const char* params_attr = "activation_params") {
  struct Known {
    const char* name;
    ActivationKind kind;
    size_t params;
  };
  static constexpr Known kKnown[] = {
      {"relu", ActivationKind::relu, 0},           {"clip", ActivationKind::clip, 2},
      {"sigmoid", ActivationKind::sigmoid, 0},     {"tanh", ActivationKind::tanh, 0},
      {"hard_swish", ActivationKind::hard_swish, 0}, {"hard_sigmoid", ActivationKind::hard_sigmoid, 2},
      {"leaky_relu", ActivationKind::leaky_relu, 1}, {"silu", ActivationKind::silu, 0},
  };
  *out = FusedActivation{};
  const char* name = ctx.attr_string(kind_attr);
  if (name[0] == '\0') return Error::ok;
  const List<double> params = ctx.attr_floats(params_attr);
  for (const Known& known : kKnown) {
    if (std::strcmp(known.name, name) != 0) continue;
    if (params.size != known.params) return ctx.fail("fused activation %s takes %zu parameters", name, known.params);
    out->kind = known.kind;
    if (params.size > 0) out->p0 = params[0];
    if (params.size > 1) out->p1 = params[1];
    return Error::ok;
  }
  return ctx.fail("unknown fused activation '%s'", name);
}

// One element of a float type T, as the standalone kernel computes it.
template <typename T>
T activate(const FusedActivation& act, T value) {
  using C = Compute<T>;
  const C x = compute(value);
  const double d = static_cast<double>(x);
  switch (act.kind) {
    case ActivationKind::none:
      return value;
    case ActivationKind::relu:
      return x < 0 ? static_cast<T>(C{0}) : value;
    case ActivationKind::clip: {
      C clamped = x;
      if (clamped < convert<C>(act.p0)) clamped = convert<C>(act.p0);  // NaN passes, as in clip.cc
      if (convert<C>(act.p1) < clamped) clamped = convert<C>(act.p1);
      return static_cast<T>(clamped);
    }
    case ActivationKind::sigmoid:
      return convert<T>(1.0 / (1.0 + std::exp(-d)));
    case ActivationKind::tanh:
      return convert<T>(std::tanh(d));
    case ActivationKind::hard_swish:
      return convert<T>(d * std::max(0.0, std::min(1.0, d / 6 + 0.5)));
    case ActivationKind::hard_sigmoid:
      return convert<T>(std::max(0.0, std::min(1.0, act.p0 * d + act.p1)));
    case ActivationKind::leaky_relu:
      return convert<T>(d < 0 ? act.p0 * d : d);
    case ActivationKind::silu:
      return convert<T>(d / (1.0 + std::exp(-d)));
  }
  return value;
}

// Applies the node's fused activation, if any, to its result y in place.
inline Error apply_fused_activation(KernelContext& ctx, const Tensor& y) {
  FusedActivation act;
  if (Error error = read_fused_activation(ctx, &act); error != Error::ok) return error;
  if (act.kind == ActivationKind::none) return Error::ok;
  return visit_dtype(y.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("a fused activation needs a float result, not %s", dtype_name(y.dtype));
    } else {
      T* data = y.as<T>();
      for (int64_t i = 0; i < y.numel; ++i) data[i] = activate(act, data[i]);
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
