// arg_max: the i64 index of the largest value along axis.
#include "kernels/portable/reduce_arg_kernel.h"

namespace ingot::rt::portable {

Error kernel_arg_max(KernelContext& ctx) { return run_arg_reduction</*kLargest=*/true>(ctx); }

}  // namespace ingot::rt::portable
