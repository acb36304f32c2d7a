// transpose: output axis i is operand axis perm[i], i.e.
// y[i0, ..., ik] = x[j] with j[perm[d]] = i[d].
#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_transpose(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  if (x->dtype != y.dtype || x->rank != y.rank) return ctx.fail("the output must have the operand's dtype and rank");
  List<int64_t> perm = ctx.attr_ints("perm");
  if (static_cast<int32_t>(perm.size) != x->rank) return ctx.fail("perm must have one entry per axis");
  int64_t x_strides[kMaxRank];
  row_major_strides(x->dims, x->rank, x_strides);
  // The stride in x of each output axis.
  int64_t strides[kMaxRank];
  bool seen[kMaxRank] = {};
  for (int32_t d = 0; d < x->rank; ++d) {
    const int64_t p = perm[d];
    if (p < 0 || p >= x->rank || seen[p]) return ctx.fail("perm must be a permutation of [0, rank)");
    seen[p] = true;
    if (y.dims[d] != x->dims[p]) return ctx.fail("output dim %d must be operand dim %lld", d, (long long)p);
    strides[d] = x_strides[p];
  }
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, y.rank, [&](const int64_t* index) {
    copy_element(x->data, dot(index, strides, y.rank), y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
