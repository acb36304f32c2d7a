// The shared body of the binary kernels: fetch and check the two operands,
// then apply a per-element function over their numpy broadcast. Each op file
// (add.cc, less.cc, ...) supplies only the function.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ingot/kernel.h"
#include "kernels/portable/binary_broadcast.h"
#include "kernels/portable/elementwise.h"
#include "kernels/portable/fused_activation.h"
#include "kernels/portable/util.h"

namespace ingot::rt::portable {

struct BinaryOperands {
  const Tensor* a = nullptr;
  const Tensor* b = nullptr;
  const Tensor* y = nullptr;
  BroadcastWalk<2> walk;
};

// Fetches a, b and the result and checks that a and b broadcast to it.
inline Error binary_operands(KernelContext& ctx, BinaryOperands* ops) {
  ops->a = ctx.input(0);
  ops->b = ctx.input(1);
  if (ops->a == nullptr || ops->b == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects operands a and b");
  ops->y = &ctx.output(0);
  const Tensor* operands[] = {ops->a, ops->b};
  if (!ops->walk.init(*ops->y, operands)) return ctx.fail("operand shapes do not broadcast to the result's (or rank above %d)", kMaxRank);
  return Error::ok;
}

// y[i] = fn(a[..], b[..]) over the broadcast; A, B and Out are element types.
template <typename A, typename B, typename Out, typename Fn>
void binary_map(const BinaryOperands& ops, Fn fn) {
  const A* a = ops.a->as<A>();
  const B* b = ops.b->as<B>();
  Out* y = ops.y->as<Out>();
  BroadcastWalk<2> walk = ops.walk;
  for (int64_t i = 0; i < ops.y->numel; ++i, walk.next()) y[i] = fn(a[walk.offset(0)], b[walk.offset(1)]);
}

// Which element types an arithmetic op takes.
enum class Accepts { numbers, unsigned_integers };

// a (op) b with both operands of the result's dtype, then the node's fused
// activation if it has one. `fn` takes two
// Compute<T> values (16-bit floats as float) and its result converts back to
// T; integer ops that may overflow compute through wrap().
template <Accepts kAccepts = Accepts::numbers, typename Fn>
Error binary_arithmetic(KernelContext& ctx, Fn fn) {
  BinaryOperands ops;
  if (Error error = binary_operands(ctx, &ops); error != Error::ok) return error;
  const DType dtype = ops.y->dtype;
  if (ops.a->dtype != dtype || ops.b->dtype != dtype) return ctx.fail("operands must have the result's dtype %s", dtype_name(dtype));
  return visit_dtype(dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    constexpr bool is_unsigned = std::is_unsigned_v<T> && !std::is_same_v<T, Bool>;
    if constexpr (std::is_same_v<T, Bool>) {
      return ctx.fail("bool operands are not supported");
    } else if constexpr (kAccepts == Accepts::unsigned_integers && !is_unsigned) {
      return ctx.fail("expects unsigned integer operands, got %s", dtype_name(dtype));
    } else {
      binary_map<T, T, T>(ops, [&](T a, T b) { return static_cast<T>(fn(compute(a), compute(b))); });
      return apply_fused_activation(ctx, *ops.y);
    }
  });
}

// A comparison: operands of one dtype (any), a bool result.
template <typename Fn>
Error binary_compare(KernelContext& ctx, Fn fn) {
  BinaryOperands ops;
  if (Error error = binary_operands(ctx, &ops); error != Error::ok) return error;
  if (ops.a->dtype != ops.b->dtype) return ctx.fail("operands must share a dtype");
  if (ops.y->dtype != DType::boolean) return ctx.fail("the result must be bool");
  return visit_dtype(ops.a->dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    binary_map<T, T, bool>(ops, [&](T a, T b) { return static_cast<bool>(fn(compute(a), compute(b))); });
    return Error::ok;
  });
}

// A logical op: bool operands, a bool result.
template <typename Fn>
Error binary_logical(KernelContext& ctx, Fn fn) {
  BinaryOperands ops;
  if (Error error = binary_operands(ctx, &ops); error != Error::ok) return error;
  if (ops.a->dtype != DType::boolean || ops.b->dtype != DType::boolean || ops.y->dtype != DType::boolean) {
    return ctx.fail("operands and result must be bool");
  }
  binary_map<Bool, Bool, bool>(ops, fn);
  return Error::ok;
}

// True when an integer tensor holds a 0 (a divisor that would trap).
inline bool has_integer_zero(const Tensor& t) {
  bool found = false;
  visit_dtype(t.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T>) {
      const T* data = t.as<T>();
      for (int64_t i = 0; i < t.numel; ++i) found = found || data[i] == 0;
    }
    return Error::ok;
  });
  return found;
}

}  // namespace ingot::rt::portable
