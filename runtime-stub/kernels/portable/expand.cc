// expand: broadcast the operand to the output's shape (numpy rules: align
// the trailing dims; a dim of 1 repeats).
#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_expand(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (y.rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", y.rank, kMaxRank);
  if (x->dtype != y.dtype || x->rank > y.rank) return ctx.fail("the output must have the operand's dtype and at least its rank");
  int64_t x_strides[kMaxRank];
  row_major_strides(x->dims, x->rank, x_strides);
  // The stride in x of each output axis: 0 where x repeats.
  int64_t strides[kMaxRank];
  const int32_t lead = y.rank - x->rank;
  for (int32_t d = 0; d < y.rank; ++d) {
    const int64_t dim = d < lead ? 1 : x->dims[d - lead];
    if (dim != 1 && dim != y.dims[d]) return ctx.fail("the operand does not broadcast to the output shape");
    strides[d] = dim == 1 ? 0 : x_strides[d - lead];
  }
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, y.rank, [&](const int64_t* index) {
    copy_element(x->data, dot(index, strides, y.rank), y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
