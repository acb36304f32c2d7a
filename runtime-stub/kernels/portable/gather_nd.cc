// gather_nd: each index tuple (the last dim of indices, length m) picks the
// slice data[b..., t0, .., t(m-1), ...] within its batch b (the first
// batch_dims dims, shared by data and indices):
//   out[b, j, inner] = data[b, tuple(b, j), inner]
// out.shape = indices.shape[:-1] + data.shape[batch_dims + m:]. Slices are
// copied as bytes, so every dtype works alike.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

bool output_shape_fits(const Tensor& data, const Tensor& indices, const Tensor& out, int32_t batch, int32_t m) {
  if (out.rank != indices.rank - 1 + data.rank - batch - m) return false;
  int32_t o = 0;
  for (int32_t d = 0; d < indices.rank - 1; ++d) {
    if (out.dims[o++] != indices.dims[d]) return false;
  }
  for (int32_t d = batch + m; d < data.rank; ++d) {
    if (out.dims[o++] != data.dims[d]) return false;
  }
  return true;
}

}  // namespace

Error kernel_gather_nd(KernelContext& ctx) {
  const Tensor* data = ctx.input(0);
  const Tensor* indices = ctx.input(1);
  const Tensor& out = ctx.output(0);
  if (data == nullptr || indices == nullptr) return ctx.fail("gather_nd needs data and indices");
  if (!is_index_dtype(indices->dtype)) return ctx.fail("indices must be i32 or i64");
  if (data->dtype != out.dtype) return ctx.fail("the output must have data's dtype");
  if (data->rank < 1 || data->rank > kMaxRank || indices->rank < 1) return ctx.fail("data or indices has a bad rank");
  const int64_t batch_dims = ctx.attr_int("batch_dims", 0);
  if (batch_dims < 0 || batch_dims >= data->rank || batch_dims >= indices->rank) {
    return ctx.fail("batch_dims %lld must be below the ranks of data and indices", (long long)batch_dims);
  }
  const auto batch = static_cast<int32_t>(batch_dims);
  for (int32_t d = 0; d < batch; ++d) {
    if (data->dims[d] != indices->dims[d]) return ctx.fail("data and indices differ in batch dim %d", d);
  }
  const int64_t tuple = indices->dims[indices->rank - 1];
  if (tuple < 1 || tuple > data->rank - batch) return ctx.fail("index tuples of length %lld do not fit data", (long long)tuple);
  const auto m = static_cast<int32_t>(tuple);
  if (!output_shape_fits(*data, *indices, out, batch, m)) return ctx.fail("the output shape does not fit data and indices");

  int64_t strides[kMaxRank];
  row_major_strides(data->dims, data->rank, strides);
  const int64_t batches = dims_product(*data, 0, batch);
  const int64_t tuples_per_batch = dims_product(*indices, batch, indices->rank - 1);
  const int64_t slice = dims_product(*data, batch + m, data->rank);
  const size_t element = dtype_size(data->dtype);
  const auto* src = static_cast<const uint8_t*>(data->data);
  auto* dst = static_cast<uint8_t*>(out.data);
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t j = 0; j < tuples_per_batch; ++j) {
      const int64_t t = b * tuples_per_batch + j;  // which tuple of indices
      int64_t offset = batch > 0 ? b * strides[batch - 1] : 0;
      for (int32_t k = 0; k < m; ++k) {
        int64_t index = 0;
        const int64_t raw = index_at(*indices, t * m + k);
        if (!wrap_index(raw, data->dims[batch + k], &index)) {
          return ctx.fail("index %lld is out of range for dim %d of size %lld", (long long)raw, batch + k,
                          (long long)data->dims[batch + k]);
        }
        offset += index * strides[batch + k];
      }
      std::memmove(dst + t * slice * element, src + offset * element, static_cast<size_t>(slice) * element);
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
