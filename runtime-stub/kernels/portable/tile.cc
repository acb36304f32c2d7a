// tile: repeat the operand repeats[d] times along each axis d, so
// y[i] = x[i mod x.dims] per axis.
#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_tile(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  if (x->dtype != y.dtype || x->rank != y.rank) return ctx.fail("the output must have the operand's dtype and rank");
  List<int64_t> repeats = ctx.attr_ints("repeats");
  if (static_cast<int32_t>(repeats.size) != x->rank) return ctx.fail("repeats must have one entry per axis");
  for (int32_t d = 0; d < x->rank; ++d) {
    // Also rules out a non-empty output axis from an empty operand axis.
    int64_t tiled = 0;
    if (repeats[d] < 0 || __builtin_mul_overflow(x->dims[d], repeats[d], &tiled) || y.dims[d] != tiled) return ctx.fail("output dim %d must be operand dim * repeats", d);
  }
  int64_t strides[kMaxRank];
  row_major_strides(x->dims, x->rank, strides);
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, y.rank, [&](const int64_t* index) {
    int64_t offset = 0;
    for (int32_t d = 0; d < y.rank; ++d) offset += (index[d] % x->dims[d]) * strides[d];
    copy_element(x->data, offset, y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
