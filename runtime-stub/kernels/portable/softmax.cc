// softmax: e^x / sum(e^x) along axis.
#include "kernels/portable/norm_util.h"

namespace ingot::rt::portable {

Error kernel_softmax(KernelContext& ctx) { return run_softmax</*kLog=*/false>(ctx); }

}  // namespace ingot::rt::portable
