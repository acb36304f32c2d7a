// range: out[i] = start + i * delta for i < max(ceil((limit - start) / delta), 0),
// from three scalar operands of the output's dtype (f32, f64, i16, i32, i64).
// The output length is fixed by the program, so operands that call for
// another length fail.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

// The element count ONNX defines, computed as the compiler's shape rule does:
// f32 operands subtract in f32, the rest in double; the division is in double.
template <typename T>
double range_length(T start, T limit, T delta) {
  double span = std::is_same_v<T, float> ? static_cast<double>(limit - start)
                                         : static_cast<double>(limit) - static_cast<double>(start);
  return std::max(std::ceil(span / static_cast<double>(delta)), 0.0);
}

template <typename T>
Error range(KernelContext& ctx, const Tensor& out) {
  const T start = ctx.input(0)->as<T>()[0];
  const T limit = ctx.input(1)->as<T>()[0];
  const T delta = ctx.input(2)->as<T>()[0];
  if (delta == T{0}) return ctx.fail("delta must not be zero");
  const double length = range_length(start, limit, delta);
  if (length != static_cast<double>(out.numel)) {
    return ctx.fail("the operands give %.0f elements but the output holds %lld", length, (long long)out.numel);
  }
  T* dst = out.as<T>();
  for (int64_t i = 0; i < out.numel; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      dst[i] = static_cast<T>(start + static_cast<T>(i) * delta);
    } else {
      // Unsigned steps wrap where signed ones would overflow; every element
      // still fits T.
      dst[i] = static_cast<T>(static_cast<uint64_t>(start) + static_cast<uint64_t>(i) * static_cast<uint64_t>(delta));
    }
  }
  return Error::ok;
}

}  // namespace

Error kernel_range(KernelContext& ctx) {
  const Tensor& out = ctx.output(0);
  for (size_t i = 0; i < 3; ++i) {
    const Tensor* operand = ctx.input(i);
    if (operand == nullptr || operand->numel != 1 || operand->dtype != out.dtype) {
      return ctx.fail("start, limit and delta must be scalars of the output's dtype");
    }
  }
  if (out.rank != 1) return ctx.fail("the output must be 1-d");
  switch (out.dtype) {
    case DType::f32: return range<float>(ctx, out);
    case DType::f64: return range<double>(ctx, out);
    case DType::i16: return range<int16_t>(ctx, out);
    case DType::i32: return range<int32_t>(ctx, out);
    case DType::i64: return range<int64_t>(ctx, out);
    default: return ctx.fail("range does not take %s", dtype_name(out.dtype));
  }
}

}  // namespace ingot::rt::portable
