// log_softmax: x - log(sum(e^x)) along axis.
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {

Error kernel_log_softmax(KernelContext& ctx) { return run_softmax</*kLog=*/true>(ctx); }

}  // namespace ingot::rt::portable
