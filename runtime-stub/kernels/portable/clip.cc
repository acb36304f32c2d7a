// clip: min(max(x, min), max) on any number (ONNX Clip). The bounds are the
// attributes min and max when known at compile time, else the optional
// scalar operands 1 and 2; an absent bound is unbounded. NaN stays NaN.
#include <limits>
#include <type_traits>

#include "kernels/portable/unary_kernel.h"

namespace ingot::rt::portable {
namespace {

// The bound `name` (attribute) or operand `index` as a C value of x's
// compute type; `fallback` (an infinity) when neither is given. Integer
// types saturate infinite bounds to their range.
template <typename C>
Error read_bound(KernelContext& ctx, const char* name, size_t index, double fallback, C* bound) {
  if (ctx.has_attr(name)) {
    *bound = convert<C>(ctx.attr_float(name));
    return Error::ok;
  }
  const Tensor* operand = ctx.input(index);
  if (operand == nullptr) {
    *bound = convert<C>(fallback);
    return Error::ok;
  }
  if (operand->numel != 1) return ctx.fail("the %s bound must be a scalar", name);
  return visit_dtype(operand->dtype, [&](auto tag) -> Error {
    *bound = convert<C>(operand->as<decltype(tag)>()[0]);
    return Error::ok;
  });
}

}  // namespace

Error kernel_clip(KernelContext& ctx) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  if (x->dtype != y.dtype) return ctx.fail("the result must have the operand's dtype");
  return visit_dtype(y.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    using C = Compute<T>;
    if constexpr (std::is_same_v<T, Bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      C lo{};
      C hi{};
      if (Error error = read_bound(ctx, "min", 1, -kInf, &lo); error != Error::ok) return error;
      if (Error error = read_bound(ctx, "max", 2, kInf, &hi); error != Error::ok) return error;
      unary_map<T, T>(*x, y, [&](T v) {
        C value = compute(v);
        if (value < lo) value = lo;  // comparisons with NaN fail: NaN passes
        if (hi < value) value = hi;
        return static_cast<T>(value);
      });
      return Error::ok;
    }
  });
}

}  // namespace ingot::rt::portable
