// reduce_mean: the arithmetic mean over the reduced axes. Floats give NaN
// for an empty set (0 / 0, as numpy); integers truncate toward zero (numpy's
// float mean cast back) and give 0 for an empty set.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_mean(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    ReduceAcc<T> sum = 0;
    range.for_each([&](T v) { sum += static_cast<ReduceAcc<T>>(v); });
    if constexpr (is_floating<T>()) {
      return from_double<T>(sum / static_cast<double>(range.count));
    } else if constexpr (std::is_signed_v<T>) {
      return range.count == 0 ? T{0} : static_cast<T>(as_signed(sum) / range.count);
    } else {
      return range.count == 0 ? T{0} : static_cast<T>(sum / static_cast<uint64_t>(range.count));
    }
  });
}

}  // namespace ingot::rt::portable
