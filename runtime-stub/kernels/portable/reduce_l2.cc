// reduce_l2: sqrt of the sum of x^2 over the reduced axes (in double; an
// integer result truncates); an empty set gives 0.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_l2(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    double sum = 0;
    range.for_each([&](T v) {
      double value = static_cast<double>(v);
      sum += value * value;
    });
    return from_double<T>(std::sqrt(sum));
  });
}

}  // namespace ingot::rt::portable
