// scatter_elements: out is a copy of data in which each update lands at the
// update's own coordinates with the one along `axis` replaced by
// wrap(indices[...]):
//   out[i0, .., wrap(indices[i0, .., ia, .., in]), .., in] (reduction)= updates[i0, .., ia, .., in]
// Updates apply in row-major order, so with duplicate indices and no
// reduction the last one wins.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

template <typename T>
Error scatter(KernelContext& ctx, const Tensor& indices, const Tensor& updates, const Tensor& out, int32_t axis,
              Reduction reduction) {
  int64_t strides[kMaxRank];
  row_major_strides(out.dims, out.rank, strides);
  const T* src = updates.as<T>();
  T* dst = out.as<T>();
  int64_t pos[kMaxRank] = {};
  for (int64_t i = 0; i < updates.numel; ++i, step_index(pos, updates.dims, updates.rank)) {
    int64_t index = 0;
    if (!wrap_index(index_at(indices, i), out.dims[axis], &index)) {
      return ctx.fail("index %lld is out of range for axis size %lld", (long long)index_at(indices, i),
                      (long long)out.dims[axis]);
    }
    int64_t offset = 0;
    for (int32_t d = 0; d < out.rank; ++d) offset += (d == axis ? index : pos[d]) * strides[d];
    dst[offset] = combine(reduction, dst[offset], src[i]);
  }
  return Error::ok;
}

}  // namespace

Error kernel_scatter_elements(KernelContext& ctx) {
  const Tensor* data = ctx.input(0);
  const Tensor* indices = ctx.input(1);
  const Tensor* updates = ctx.input(2);
  const Tensor& out = ctx.output(0);
  if (data == nullptr || indices == nullptr || updates == nullptr) {
    return ctx.fail("scatter_elements needs data, indices and updates");
  }
  if (!is_index_dtype(indices->dtype)) return ctx.fail("indices must be i32 or i64");
  if (data->dtype != out.dtype || updates->dtype != out.dtype) return ctx.fail("data, updates and the output must share a dtype");
  if (data->rank < 1 || data->rank > kMaxRank) return ctx.fail("data rank %d is not in [1, %d]", data->rank, kMaxRank);
  if (!same_shape(*data, out)) return ctx.fail("the output must have the shape of data");
  if (!same_shape(*indices, *updates) || indices->rank != data->rank) {
    return ctx.fail("indices and updates must have one shape, of data's rank");
  }
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= data->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, data->rank);
  for (int32_t d = 0; d < data->rank; ++d) {
    if (d != axis && updates->dims[d] > data->dims[d]) return ctx.fail("updates dim %d exceeds the data dim", d);
  }
  Reduction reduction;
  if (!parse_reduction(ctx.attr_string("reduction"), &reduction)) {
    return ctx.fail("reduction '%s' must be none, add or mul", ctx.attr_string("reduction"));
  }

  if (data->data != out.data) std::memmove(out.data, data->data, out.bytes);
  return visit_dtype(out.dtype, [&](auto zero) {
    return scatter<decltype(zero)>(ctx, *indices, *updates, out, static_cast<int32_t>(axis), reduction);
  });
}

}  // namespace ingot::rt::portable
