// arg_min: the i64 index of the smallest value along axis.
#include "kernels/portable/reduce_arg_kernel.h"

namespace ingot::rt::portable {

Error kernel_arg_min(KernelContext& ctx) { return run_arg_reduction</*kLargest=*/false>(ctx); }

}  // namespace ingot::rt::portable
