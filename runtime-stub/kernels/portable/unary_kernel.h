// The shared body of the unary and activation kernels: check the operand
// against the result, then map every element. Each op file (exp.cc, elu.cc,
// ...) supplies only the per-element function.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/elementwise.h"
#include "kernels/portable/util.h"

namespace ingot::rt::portable {

// Fetches x and checks that the result has its shape (not its dtype).
inline Error unary_operand(KernelContext& ctx, const Tensor** x) {
  *x = ctx.input(0);
  if (*x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an operand x");
  if (!shapes_match(**x, ctx.output(0))) return ctx.fail("operand and result shapes differ");
  return Error::ok;
}

// y[i] = fn(x[i]); In and Out are element types.
template <typename In, typename Out, typename Fn>
void unary_map(const Tensor& x, const Tensor& y, Fn fn) {
  const In* in = x.as<In>();
  Out* out = y.as<Out>();
  for (int64_t i = 0; i < y.numel; ++i) out[i] = fn(in[i]);
}

// A float op: x and the result share a float dtype. `fn` maps double to
// double (every float dtype computes in double) and the result rounds back.
template <typename Fn>
Error unary_float(KernelContext& ctx, Fn fn) {
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  if (x->dtype != y.dtype) return ctx.fail("the result must have the operand's dtype");
  return visit_dtype(y.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (!is_floating<T>()) {
      return ctx.fail("expects a float operand, got %s", dtype_name(y.dtype));
    } else {
      unary_map<T, T>(*x, y, [&](T v) { return convert<T>(static_cast<double>(fn(static_cast<double>(compute(v))))); });
      return Error::ok;
    }
  });
}

// An op on any number (not bool): x and the result share a dtype. `fn` takes
// a Compute<T> value and its result converts back to T.
template <typename Fn>
Error unary_numeric(KernelContext& ctx, Fn fn) {
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  if (x->dtype != y.dtype) return ctx.fail("the result must have the operand's dtype");
  return visit_dtype(y.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, Bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      unary_map<T, T>(*x, y, [&](T v) { return static_cast<T>(fn(compute(v))); });
      return Error::ok;
    }
  });
}

// A predicate: x of any dtype, a bool result. `fn` takes a Compute<T> value.
template <typename Fn>
Error unary_predicate(KernelContext& ctx, Fn fn) {
  const Tensor* x = nullptr;
  if (Error error = unary_operand(ctx, &x); error != Error::ok) return error;
  const Tensor& y = ctx.output(0);
  if (y.dtype != DType::boolean) return ctx.fail("the result must be bool");
  return visit_dtype(x->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    unary_map<T, bool>(*x, y, [&](T v) { return static_cast<bool>(fn(compute(v))); });
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
