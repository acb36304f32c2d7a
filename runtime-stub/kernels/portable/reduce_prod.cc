// reduce_prod: the product over the reduced axes; an empty set gives 1.
// Integers wrap as the fixed-width product does.
#include "kernels/portable/reduce_kernel.h"

namespace ingot::rt::portable {

Error kernel_reduce_prod(KernelContext& ctx) {
  return run_reduction(ctx, [](const auto& range) {
    using T = typename std::decay_t<decltype(range)>::Value;
    ReduceAcc<T> product = 1;
    range.for_each([&](T v) { product *= static_cast<ReduceAcc<T>>(v); });
    return from_acc<T>(product);
  });
}

}  // namespace ingot::rt::portable
