// one_hot: a new axis of size depth is inserted at `axis`;
//   out[outer, d, inner] = values[1] if wrap(indices[outer, inner]) == d else values[0]
// Indices may be any numeric dtype (floats truncate, as ONNX casts them);
// negative ones count from depth. An index outside [-depth, depth) gives a
// row of values[0] only, as ONNX defines. Elements are copied as bytes.
#include <cstring>

#include "kernels/portable/indexing_util.h"

namespace ingot::rt::portable {
namespace {

// out.shape must be indices.shape with depth inserted at axis.
bool output_shape_fits(const Tensor& indices, const Tensor& out, int32_t axis, int64_t depth) {
  if (out.rank != indices.rank + 1 || out.dims[axis] != depth) return false;
  for (int32_t d = 0; d < indices.rank; ++d) {
    if (out.dims[d < axis ? d : d + 1] != indices.dims[d]) return false;
  }
  return true;
}

}  // namespace

Error kernel_one_hot(KernelContext& ctx) {
  const Tensor* indices = ctx.input(0);
  const Tensor* values = ctx.input(1);
  const Tensor& out = ctx.output(0);
  if (indices == nullptr || values == nullptr) return ctx.fail("one_hot needs indices and values");
  if (values->numel != 2 || values->dtype != out.dtype) return ctx.fail("values must be [off, on] of the output's dtype");
  const int64_t axis = ctx.attr_int("axis", -1);
  if (axis < 0 || axis > indices->rank) return ctx.fail("axis %lld is out of range for rank %d", (long long)axis, indices->rank + 1);
  int64_t depth = 0;
  if (Error e = int_param(ctx, "depth", 2, &depth); e != Error::ok) return e;
  const auto ax = static_cast<int32_t>(axis);
  if (!output_shape_fits(*indices, out, ax, depth)) {
    return ctx.fail("the output shape does not fit indices with depth %lld", (long long)depth);
  }

  const int64_t outer = dims_product(*indices, 0, ax);
  const int64_t inner = dims_product(*indices, ax, indices->rank);
  const size_t element = dtype_size(out.dtype);
  const auto* off = static_cast<const uint8_t*>(values->data);
  const uint8_t* on = off + element;
  auto* dst = static_cast<uint8_t*>(out.data);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t raw = 0, hot = -1;  // -1: no position is hot
      if (!integer_at(*indices, o * inner + i, &raw)) return ctx.fail("index %lld is not an integer", (long long)(o * inner + i));
      if (!wrap_index(raw, depth, &hot)) hot = -1;
      for (int64_t d = 0; d < depth; ++d) {
        std::memmove(dst + ((o * depth + d) * inner + i) * element, d == hot ? on : off, element);
      }
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::portable
