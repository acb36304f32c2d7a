// reshape: the same elements in row-major order under the output's static
// shape, so a byte copy (nothing when the planner runs it in place).
#include <cstring>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_reshape(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->dtype != y.dtype || x->numel != y.numel || x->bytes != y.bytes) {
    return ctx.fail("the output must hold the operand's elements");
  }
  if (ctx.has_attr("shape")) {
    List<int64_t> shape = ctx.attr_ints("shape");
    bool same = static_cast<int32_t>(shape.size) == y.rank;
    for (int32_t d = 0; same && d < y.rank; ++d) same = shape[d] == y.dims[d];
    if (!same) return ctx.fail("the shape attribute differs from the output's shape");
  }
  if (x->data != y.data) std::memmove(y.data, x->data, y.bytes);
  return Error::ok;
}

}  // namespace ingot::rt::portable
