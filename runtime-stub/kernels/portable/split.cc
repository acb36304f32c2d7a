// split: cut the operand along axis into the outputs, in order. Viewing the
// operand as [outer, dim * inner], its row `o` is the outputs' rows `o` one
// after another (the reverse of concat).
#include <cstring>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {
namespace {

// Every output of x's dtype and rank, with x's dims off the axis; their dims
// along the axis add up to x's.
Error check_outputs(KernelContext& ctx, const Tensor& x, int64_t axis) {
  if (ctx.num_outputs() == 0) return ctx.fail("split needs at least one output");
  if (axis < 0 || axis >= x.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, x.rank);
  List<int64_t> sizes = ctx.attr_ints("split");
  if (!sizes.empty() && sizes.size != ctx.num_outputs()) return ctx.fail("split has %zu sizes for %zu outputs", sizes.size, ctx.num_outputs());
  int64_t total = 0;
  for (size_t i = 0; i < ctx.num_outputs(); ++i) {
    const Tensor& y = ctx.output(i);
    if (y.dtype != x.dtype || y.rank != x.rank) return ctx.fail("output %zu must have the operand's dtype and rank", i);
    for (int32_t d = 0; d < x.rank; ++d) {
      if (d != axis && y.dims[d] != x.dims[d]) return ctx.fail("output %zu differs from the operand off axis %lld", i, (long long)axis);
    }
    if (!sizes.empty() && sizes[i] != y.dims[axis]) return ctx.fail("output %zu does not have its split size", i);
    total += y.dims[axis];
  }
  if (total != x.dims[axis]) return ctx.fail("the outputs' dims along axis %lld do not add up to the operand's", (long long)axis);
  return Error::ok;
}

}  // namespace

Error kernel_split(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  const int64_t axis = ctx.attr_int("axis", 0);
  if (Error e = check_outputs(ctx, *x, axis); e != Error::ok) return e;
  int64_t outer = 1, inner = 1;
  for (int32_t d = 0; d < axis; ++d) outer *= x->dims[d];
  for (int32_t d = static_cast<int32_t>(axis) + 1; d < x->rank; ++d) inner *= x->dims[d];
  const int64_t size = static_cast<int64_t>(dtype_size(x->dtype));
  const uint8_t* in = static_cast<const uint8_t*>(x->data);
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < ctx.num_outputs(); ++i) {
      const Tensor& y = ctx.output(i);
      const int64_t row = y.dims[axis] * inner * size;  // bytes
      if (row > 0) std::memmove(static_cast<uint8_t*>(y.data) + o * row, in, static_cast<size_t>(row));
      in += row;
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
