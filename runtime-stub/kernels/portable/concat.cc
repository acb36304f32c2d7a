// concat: join the operands along axis. Viewing each operand as
// [outer, its dim * inner], the output row `o` is the operands' rows `o`
// one after another.
#include <cstring>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {
namespace {

// Every operand present, of y's dtype and rank, with y's dims off the axis;
// their dims along the axis add up to y's.
Error check_operands(KernelContext& ctx, const Tensor& y, int64_t axis) {
  if (ctx.num_inputs() == 0) return ctx.fail("concat needs at least one operand");
  if (axis < 0 || axis >= y.rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, y.rank);
  int64_t total = 0;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    const Tensor* x = ctx.input(i);
    if (x == nullptr) return ctx.fail("operand %zu is missing", i);
    if (x->dtype != y.dtype || x->rank != y.rank) return ctx.fail("operand %zu must have the output's dtype and rank", i);
    for (int32_t d = 0; d < y.rank; ++d) {
      if (d != axis && x->dims[d] != y.dims[d]) return ctx.fail("operand %zu differs from the output off axis %lld", i, (long long)axis);
    }
    total += x->dims[axis];
  }
  if (total != y.dims[axis]) return ctx.fail("the operands' dims along axis %lld do not add up to the output's", (long long)axis);
  return Error::ok;
}

}  // namespace

Error kernel_concat(KernelContext& ctx) {
  const Tensor& y = ctx.output(0);
  const int64_t axis = ctx.attr_int("axis", 0);
  if (Error e = check_operands(ctx, y, axis); e != Error::ok) return e;
  int64_t outer = 1, inner = 1;
  for (int32_t d = 0; d < axis; ++d) outer *= y.dims[d];
  for (int32_t d = static_cast<int32_t>(axis) + 1; d < y.rank; ++d) inner *= y.dims[d];
  const int64_t size = static_cast<int64_t>(dtype_size(y.dtype));
  uint8_t* out = static_cast<uint8_t*>(y.data);
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < ctx.num_inputs(); ++i) {
      const Tensor& x = *ctx.input(i);
      const int64_t row = x.dims[axis] * inner * size;  // bytes
      if (row > 0) std::memmove(out, static_cast<const uint8_t*>(x.data) + o * row, static_cast<size_t>(row));
      out += row;
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
