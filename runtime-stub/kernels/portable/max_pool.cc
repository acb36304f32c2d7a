// max_pool: the maximum over each window (ONNX MaxPool).
//
// y[n, c, o...] = max of x[n, c, o*stride - pad_begin + k*dilation] over the
// kernel offsets k that land inside the input: padding never wins. Any
// dtype but bool; quantized i8/u8 data keeps its parameters, so the maximum
// of the raw values is the answer.
//
// With a second output (with_indices=1) each maximum's i64 index into the
// flattened input [N, C, spatial...] is written too, the first of equal
// maxima in window order; with storage_order=1 the spatial part of the index
// is column-major (first spatial dim fastest), as ONNX's Indices define.
#include "kernels/portable/pool_util.h"

namespace ingot::rt::portable {
namespace {

// The flat input index of the element at row-major `offset` in plane `plane`.
int64_t flat_index(int64_t plane, int64_t offset, const int64_t* in, int32_t spatial, bool column_major) {
  const int64_t plane_size = product(in, spatial);
  if (!column_major) return plane * plane_size + offset;
  int64_t coords[kMaxRank];
  for (int32_t i = spatial - 1; i >= 0; --i) {
    coords[i] = offset % in[i];
    offset /= in[i];
  }
  int64_t column = 0;
  int64_t stride = 1;
  for (int32_t i = 0; i < spatial; ++i) {
    column += coords[i] * stride;
    stride *= in[i];
  }
  return plane * plane_size + column;
}

template <typename T>
void max_pool(const Tensor& x, const Tensor& y, int64_t* indices, const PoolWindow& window, bool column_major) {
  if (y.numel == 0) return;
  const int64_t planes = x.dims[0] * x.dims[1];
  const int64_t* in = x.dims + 2;
  const int64_t in_size = product(in, window.spatial);
  T* out = y.as<T>();
  for (int64_t p = 0; p < planes; ++p) {
    const T* plane = x.as<T>() + p * in_size;
    int64_t o[kMaxRank] = {};
    do {
      MaxOf<T> max;
      visit_window(plane, in, window, o, [&](T value, int64_t offset) { max.add(value, offset); });
      *out++ = max.result();
      if (indices != nullptr) {
        // A window that sees padding only has no maximum to point at: -1.
        *indices++ = max.where() < 0 ? -1 : flat_index(p, max.where(), in, window.spatial, column_major);
      }
    } while (next_index(o, y.dims + 2, window.spatial));
  }
}

// The optional indices output: i64, shaped like y.
Error check_indices(const KernelContext& ctx, const Tensor& y, const Tensor& indices) {
  if (indices.dtype != DType::i64 || indices.rank != y.rank) return ctx.fail("the indices output must be i64 shaped like y");
  for (int32_t i = 0; i < y.rank; ++i) {
    if (indices.dims[i] != y.dims[i]) return ctx.fail("the indices output must be i64 shaped like y");
  }
  return Error::ok;
}

}  // namespace

Error kernel_max_pool(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  PoolWindow window;
  if (Error e = read_pool_window(ctx, x, y, &window); e != Error::ok) return e;
  if (x->dtype == DType::boolean) return ctx.fail("bool operands are not supported");
  int64_t* indices = nullptr;
  if (ctx.num_outputs() > 1) {
    if (Error e = check_indices(ctx, y, ctx.output(1)); e != Error::ok) return e;
    indices = ctx.output(1).as<int64_t>();
  }
  const bool column_major = ctx.attr_int("storage_order", 0) != 0;
  return visit_dtype(x->dtype, [&](auto zero) {
    using T = decltype(zero);
    max_pool<T>(*x, y, indices, window, column_major);
    return Error::ok;
  });
}

}  // namespace ingot::rt::portable
