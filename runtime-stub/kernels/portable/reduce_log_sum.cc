// reduce_log_sum: log of the sum over the reduced axes (in double); an
// empty set gives log(0) = -inf.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_log_sum(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    double sum = 0;
    range.for_each([&](T v) { sum += static_cast<double>(v); });
    return from_double<T>(std::log(sum));
  });
}

}  // namespace ingot::rt::portable
