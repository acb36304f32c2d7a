// reduce_max: the largest value over the reduced axes; an empty set gives
// the lowest value (-inf for floats). A NaN propagates, as numpy's maximum.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_max(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    if constexpr (is_floating<T>()) {
      double best = -std::numeric_limits<double>::infinity();
      range.for_each([&](T v) {
        double value = static_cast<double>(v);
        if (std::isnan(best)) return;  // a NaN stays
        if (std::isnan(value) || value > best) best = value;
      });
      return from_double<T>(best);
    } else {
      T best = std::numeric_limits<T>::lowest();
      range.for_each([&](T v) { best = v > best ? v : best; });
      return best;
    }
  });
}

}  // namespace ingot::rt::portable
