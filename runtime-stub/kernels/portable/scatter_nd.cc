// scatter_nd: out is a copy of data in which each index tuple (the last dim
// of indices, length m) selects the slice out[t0, .., t(m-1), ...] that
// receives (or is added, multiplied by) one slice of updates:
//   out[tuple(j), inner] (reduction)= updates[j, inner]
// updates.shape = indices.shape[:-1] + data.shape[m:]. Tuples apply in
// order, so with duplicates and no reduction the last one wins.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

bool updates_shape_fits(const Tensor& data, const Tensor& indices, const Tensor& updates, int32_t m) {
  if (updates.rank != indices.rank - 1 + data.rank - m) return false;
  int32_t u = 0;
  for (int32_t d = 0; d < indices.rank - 1; ++d) {
    if (updates.dims[u++] != indices.dims[d]) return false;
  }
  for (int32_t d = m; d < data.rank; ++d) {
    if (updates.dims[u++] != data.dims[d]) return false;
  }
  return true;
}

template <typename T>
Error scatter_slices(KernelContext& ctx, const Tensor& indices, const Tensor& updates, const Tensor& out, int32_t m,
              Reduction reduction) {
  int64_t strides[kMaxRank];
  row_major_strides(out.dims, out.rank, strides);
  const int64_t tuples = indices.numel / m;
  const int64_t slice = dims_product(out, m, out.rank);
  const T* src = updates.as<T>();
  T* dst = out.as<T>();
  for (int64_t j = 0; j < tuples; ++j) {
    int64_t offset = 0;
    for (int32_t k = 0; k < m; ++k) {
      int64_t index = 0;
      const int64_t raw = index_at(indices, j * m + k);
      if (!wrap_index(raw, out.dims[k], &index)) {
        return ctx.fail("index %lld is out of range for dim %d of size %lld", (long long)raw, k, (long long)out.dims[k]);
      }
      offset += index * strides[k];
    }
    for (int64_t s = 0; s < slice; ++s) dst[offset + s] = combine(reduction, dst[offset + s], src[j * slice + s]);
  }
  return Error::ok;
}

}  // namespace

Error kernel_scatter_nd(KernelContext& ctx) {
  const Tensor* data = ctx.input(0);
  const Tensor* indices = ctx.input(1);
  const Tensor* updates = ctx.input(2);
  const Tensor& out = ctx.output(0);
  if (data == nullptr || indices == nullptr || updates == nullptr) return ctx.fail("scatter_nd needs data, indices and updates");
  if (!is_index_dtype(indices->dtype)) return ctx.fail("indices must be i32 or i64");
  if (data->dtype != out.dtype || updates->dtype != out.dtype) return ctx.fail("data, updates and the output must share a dtype");
  if (data->rank < 1 || data->rank > kMaxRank || indices->rank < 1) return ctx.fail("data or indices has a bad rank");
  if (!same_shape(*data, out)) return ctx.fail("the output must have the shape of data");
  const int64_t tuple = indices->dims[indices->rank - 1];
  if (tuple < 1 || tuple > data->rank) return ctx.fail("index tuples of length %lld do not fit data", (long long)tuple);
  const auto m = static_cast<int32_t>(tuple);
  if (!updates_shape_fits(*data, *indices, *updates, m)) return ctx.fail("the updates shape does not fit data and indices");
  Reduction reduction;
  if (!parse_reduction(ctx.attr_string("reduction"), &reduction)) {
    return ctx.fail("reduction '%s' must be none, add or mul", ctx.attr_string("reduction"));
  }

  if (data->data != out.data) std::memmove(out.data, data->data, out.bytes);
  return visit_dtype(out.dtype, [&](auto zero) {
    return scatter_slices<decltype(zero)>(ctx, *indices, *updates, out, m, reduction);
  });
}

}  // namespace ingot::rt::portable
