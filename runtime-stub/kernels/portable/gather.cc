// gather: out[outer, j, inner] = data[outer, wrap(indices[j]), inner], where
// `outer` spans the dims before `axis`, `inner` those after it and j every
// element of indices. Whole inner slices are copied as bytes, so every dtype
// works alike.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

// out.shape must be data.shape[:axis] + indices.shape + data.shape[axis+1:].
bool output_shape_fits(const Tensor& data, const Tensor& indices, const Tensor& out, int32_t axis) {
  if (out.rank != data.rank - 1 + indices.rank) return false;
  int32_t o = 0;
  for (int32_t d = 0; d < axis; ++d) {
    if (out.dims[o++] != data.dims[d]) return false;
  }
  for (int32_t d = 0; d < indices.rank; ++d) {
    if (out.dims[o++] != indices.dims[d]) return false;
  }
  for (int32_t d = axis + 1; d < data.rank; ++d) {
    if (out.dims[o++] != data.dims[d]) return false;
  }
  return true;
}

}  // namespace

Error kernel_gather(KernelContext& ctx) {
  const Tensor* data = ctx.input(0);
  const Tensor* indices = ctx.input(1);
  const Tensor& out = ctx.output(0);
  if (data == nullptr || indices == nullptr) return ctx.fail("gather needs data and indices");
  if (!is_index_dtype(indices->dtype)) return ctx.fail("indices must be i32 or i64");
  if (data->dtype != out.dtype) return ctx.fail("the output must have data's dtype");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis >= data->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, data->rank);
  const auto ax = static_cast<int32_t>(axis);
  if (!output_shape_fits(*data, *indices, out, ax)) return ctx.fail("the output shape does not fit data and indices");

  const int64_t outer = dims_product(*data, 0, ax);
  const int64_t axis_size = data->dims[ax];
  const int64_t inner = dims_product(*data, ax + 1, data->rank);
  const size_t slice_bytes = static_cast<size_t>(inner) * dtype_size(data->dtype);
  const auto* src = static_cast<const uint8_t*>(data->data);
  auto* dst = static_cast<uint8_t*>(out.data);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < indices->numel; ++j) {
      int64_t index = 0;
      if (!wrap_index(index_at(*indices, j), axis_size, &index)) {
        return ctx.fail("index %lld is out of range for axis size %lld", (long long)index_at(*indices, j),
                        (long long)axis_size);
      }
      std::memmove(dst + (o * indices->numel + j) * slice_bytes, src + (o * axis_size + index) * slice_bytes,
                  slice_bytes);
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
