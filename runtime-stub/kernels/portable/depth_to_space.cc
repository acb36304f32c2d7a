// depth_to_space (NCHW, block b, C' = C / b^2): move channel blocks into
// b x b spatial tiles, y[n, c, h*b + i, w*b + j] = x[n, k, h, w] with
//   DCR: k = (i*b + j) * C' + c   (depth, then column, then row)
//   CRD: k = c * b*b + i*b + j    (column, then row, then depth)
#include <cstring>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {

Error kernel_depth_to_space(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank != 4 || y.rank != 4 || x->dtype != y.dtype) return ctx.fail("the operand and output must be 4-D of one dtype");
  const int64_t b = ctx.attr_int("blocksize", 0);
  const char* mode = ctx.attr_string("mode");
  const bool crd = std::strcmp(mode, "CRD") == 0;
  if (!crd && std::strcmp(mode, "DCR") != 0 && mode[0] != '\0') return ctx.fail("mode must be DCR or CRD, not '%s'", mode);
  if (b < 1 || b > (int64_t{1} << 20)) return ctx.fail("blocksize %lld is out of range", (long long)b);
  const int64_t c_out = y.dims[1];
  if (x->dims[1] % (b * b) != 0 || y.dims[0] != x->dims[0] || c_out != x->dims[1] / (b * b) ||
      y.dims[2] != x->dims[2] * b || y.dims[3] != x->dims[3] * b) {
    return ctx.fail("the output shape does not fit depth_to_space with blocksize %lld", (long long)b);
  }
  int64_t strides[4];
  row_major_strides(x->dims, 4, strides);
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, 4, [&](const int64_t* index) {
    const int64_t c = index[1], i = index[2] % b, j = index[3] % b;
    const int64_t k = crd ? c * b * b + i * b + j : (i * b + j) * c_out + c;
    const int64_t offset = index[0] * strides[0] + k * strides[1] + (index[2] / b) * strides[2] + (index[3] / b) * strides[3];
    copy_element(x->data, offset, y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
