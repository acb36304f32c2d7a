// reduce_sum_square: the sum of x^2 over the reduced axes; an empty set
// gives 0. Integers wrap as the fixed-width sum does.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_sum_square(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    ReduceAcc<T> sum = 0;
    range.for_each([&](T v) {
      ReduceAcc<T> value = static_cast<ReduceAcc<T>>(v);
      sum += value * value;
    });
    return from_acc<T>(sum);
  });
}

}  // namespace ingot::rt::portable
