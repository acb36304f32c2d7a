// What every qavg_pool kernel shares (qavg_pool.cc has the op's semantics):
// its operands, read and checked as the reference reads them, and the
// fixed-point mean (a window's centred sum divided by its count to 8
// fractional bits, rounded half away from zero), which the vectorized global
// pool (kernels/simd/qavg_pool_global.h) finishes its sums with.
#pragma once

#include <cstdint>

#include "kernels/portable/pool_util.h"
#include "kernels/portable/requantize.h"

namespace ingot::rt::portable {

inline constexpr int kMeanFractionBits = 8;

// round(numerator / divisor) half away from zero; divisor > 0.
inline int64_t rounded_quotient(int64_t numerator, int64_t divisor) {
  const int64_t half = divisor / 2;
  return numerator >= 0 ? (numerator + half) / divisor : -((-numerator + half) / divisor);
}

// mean = round(sum * 2^8 / count), or 0 for a window that sees no element.
inline int32_t qavg_mean(int64_t sum, int64_t count) {
  return count > 0 ? static_cast<int32_t>(rounded_quotient(sum * (int64_t{1} << kMeanFractionBits), count)) : 0;
}

struct QavgPoolOperands {
  PoolWindow window;
  int32_t x_zero_point = 0;
  Requantization requant;
  bool count_include_pad = false;
};

inline Error read_qavg_pool(const KernelContext& ctx, QavgPoolOperands* ops) {
  if (Error e = read_pool_window(ctx, ctx.input(0), ctx.output(0), &ops->window); e != Error::ok) return e;
  if (Error e = read_zero_point(ctx, *ctx.input(0), "x_zero_point", &ops->x_zero_point); e != Error::ok) return e;
  if (Error e = read_requantization(ctx, ctx.output(0), 1, &ops->requant); e != Error::ok) return e;
  ops->count_include_pad = ctx.attr_int("count_include_pad", 0) != 0;
  return Error::ok;
}

}  // namespace ingot::rt::portable
