// trilu: over the last two dims (rows i, columns j) keeps the elements with
// j - i >= k (upper=1) or j - i <= k (upper=0) and zeroes the rest; k is an
// attribute or a run-time one-element operand. Elements are copied as bytes
// and zero is all-zero bytes in every dtype.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {

Error kernel_trilu(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& out = ctx.output(0);
  if (x == nullptr) return ctx.fail("trilu needs an operand");
  if (x->rank < 2) return ctx.fail("the operand must have rank 2 or more, not %d", x->rank);
  if (out.dtype != x->dtype || !same_shape(*x, out)) return ctx.fail("the output must have x's dtype and shape");
  int64_t k = 0;
  if (Error e = int_param(ctx, "k", 1, &k); e != Error::ok) return e;
  const bool upper = ctx.attr_int("upper", 1) != 0;

  const int64_t rows = x->dims[x->rank - 2];
  const int64_t cols = x->dims[x->rank - 1];
  const int64_t matrices = dims_product(*x, 0, x->rank - 2);
  const size_t element = dtype_size(x->dtype);
  const auto* src = static_cast<const uint8_t*>(x->data);
  auto* dst = static_cast<uint8_t*>(out.data);
  for (int64_t m = 0; m < matrices; ++m) {
    for (int64_t i = 0; i < rows; ++i) {
      for (int64_t j = 0; j < cols; ++j) {
        const size_t at = static_cast<size_t>((m * rows + i) * cols + j) * element;
        const bool keep = upper ? j - i >= k : j - i <= k;
        if (keep) {
          std::memmove(dst + at, src + at, element);
        } else {
          std::memset(dst + at, 0, element);
        }
      }
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
