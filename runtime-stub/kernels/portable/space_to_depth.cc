// space_to_depth (NCHW, block b): move b x b spatial tiles into channels,
// y[n, (i*b + j) * C + c, h, w] = x[n, c, h*b + i, w*b + j] (the inverse of
// depth_to_space in DCR mode).
#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_space_to_depth(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank != 4 || y.rank != 4 || x->dtype != y.dtype) return ctx.fail("the operand and output must be 4-D of one dtype");
  const int64_t b = ctx.attr_int("blocksize", 0);
  if (b < 1 || b > (int64_t{1} << 20)) return ctx.fail("blocksize %lld is out of range", (long long)b);
  const int64_t c_in = x->dims[1];
  if (x->dims[2] % b != 0 || x->dims[3] % b != 0 || y.dims[0] != x->dims[0] || y.dims[1] != c_in * b * b ||
      y.dims[2] != x->dims[2] / b || y.dims[3] != x->dims[3] / b) {
    return ctx.fail("the output shape does not fit space_to_depth with blocksize %lld", (long long)b);
  }
  int64_t strides[4];
  row_major_strides(x->dims, 4, strides);
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, 4, [&](const int64_t* index) {
    // Output channel k splits into the tile position (i, j) and channel c.
    const int64_t k = index[1], c = k % c_in, i = (k / c_in) / b, j = (k / c_in) % b;
    const int64_t offset = index[0] * strides[0] + c * strides[1] + (index[2] * b + i) * strides[2] + (index[3] * b + j) * strides[3];
    copy_element(x->data, offset, y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
