// shift_right: a >> b on unsigned integers (ONNX BitShift RIGHT); shifting by the bit width or more gives 0.
#include "kernels/portable/binary_kernel.h"

namespace ingot::rt::portable {

Error kernel_shift_right(KernelContext& ctx) {
  return binary_arithmetic<Accepts::unsigned_integers>(ctx, [](auto a, auto b) -> decltype(a) {
    if (b >= sizeof(a) * 8) return 0;  // a C++ shift this far is undefined
    return static_cast<decltype(a)>(a >> b);
  });
}

}  // namespace ingot::rt::portable
