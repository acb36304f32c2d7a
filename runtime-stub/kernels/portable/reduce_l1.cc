// reduce_l1: the sum of |x| over the reduced axes; an empty set gives 0.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_l1(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    ReduceAcc<T> sum = 0;
    range.for_each([&](T v) {
      if constexpr (is_floating<T>()) {
        sum += std::fabs(static_cast<double>(v));
      } else {
        // 0 - v in the unsigned accumulator is |v|, even for the lowest value.
        sum += v < T{0} ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
      }
    });
    return from_acc<T>(sum);
  });
}

}  // namespace ingot::rt::portable
