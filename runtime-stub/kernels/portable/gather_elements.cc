// gather_elements: out[i0, .., ia, .., in] = data[i0, .., wrap(indices[i0, .., ia, .., in]), .., in]
// with ia the coordinate along `axis`. out has indices' shape; elements are
// copied as bytes, so every dtype works alike.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {

Error kernel_gather_elements(KernelContext& ctx) {
  const Tensor* data = ctx.input(0);
  const Tensor* indices = ctx.input(1);
  const Tensor& out = ctx.output(0);
  if (data == nullptr || indices == nullptr) return ctx.fail("gather_elements needs data and indices");
  if (!is_index_dtype(indices->dtype)) return ctx.fail("indices must be i32 or i64");
  if (data->dtype != out.dtype) return ctx.fail("the output must have data's dtype");
  if (data->rank < 1 || data->rank > kMaxRank) return ctx.fail("data rank %d is not in [1, %d]", data->rank, kMaxRank);
  if (indices->rank != data->rank) return ctx.fail("indices must have the rank of data");
  if (!same_shape(*indices, out)) return ctx.fail("the output must have the shape of indices");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= data->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, data->rank);
  // Off the axis, the coordinates of indices address data directly.
  for (int32_t d = 0; d < data->rank; ++d) {
    if (d != axis && indices->dims[d] > data->dims[d]) return ctx.fail("indices dim %d exceeds the data dim", d);
  }

  int64_t strides[kMaxRank];
  row_major_strides(data->dims, data->rank, strides);
  const size_t element = dtype_size(data->dtype);
  const auto* src = static_cast<const uint8_t*>(data->data);
  auto* dst = static_cast<uint8_t*>(out.data);
  int64_t pos[kMaxRank] = {};
  for (int64_t i = 0; i < out.numel; ++i, step_index(pos, out.dims, out.rank)) {
    int64_t index = 0;
    if (!wrap_index(index_at(*indices, i), data->dims[axis], &index)) {
      return ctx.fail("index %lld is out of range for axis size %lld", (long long)index_at(*indices, i),
                      (long long)data->dims[axis]);
    }
    int64_t offset = 0;
    for (int32_t d = 0; d < data->rank; ++d) offset += (d == axis ? index : pos[d]) * strides[d];
    std::memmove(dst + i * element, src + offset * element, element);
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
