// reduce_log_sum_exp: log of the sum of e^x over the reduced axes, as
// max + log(sum(e^(x - max))) so that large values do not overflow; an empty
// set gives -inf.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_log_sum_exp(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    double max = -std::numeric_limits<double>::infinity();
    range.for_each([&](T v) { max = std::fmax(max, static_cast<double>(v)); });
    // No finite shift for an empty set, all -inf or a +inf: the plain
    // formula gives the right -inf or +inf (and NaN for a NaN).
    double shift = std::isfinite(max) ? max : 0.0;
    double sum = 0;
    range.for_each([&](T v) { sum += std::exp(static_cast<double>(v) - shift); });
    return from_double<T>(shift + std::log(sum));
  });
}

}  // namespace ingot::rt::portable
