// reduce_sum: the sum over the reduced axes; an empty set gives 0.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_sum(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    ReduceAcc<T> sum = 0;
    range.for_each([&](T v) { sum += static_cast<ReduceAcc<T>>(v); });
    return from_acc<T>(sum);
  });
}

}  // namespace ingot::rt::portable
