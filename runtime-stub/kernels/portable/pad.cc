// pad: pad (or crop, where a pad is negative) every axis by
// pads = [begin..., end...]; mode constant (fill with the value), reflect
// (mirror without repeating the edge, as numpy's "reflect") or edge (repeat
// the edge). The pads and the value are attributes, or run-time operands.
//
// An axis crops first, then pads what is left: with k elements kept, output
// position p reads kept element j = p - (padding before), mapped into
// [0, k) by the mode when it falls outside.
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/portable/layout_util.h"

namespace ingot::rt::portable {
namespace {

enum class Mode { constant, reflect, edge };

// One axis: `crop` elements dropped at its start, `kept` left (may be <= 0
// when the crops take everything) and `before` positions padded before them.
struct PadAxis {
  int64_t crop, kept, before;
};

// The pads of every axis from the attribute or the operand.
Error read_pads(KernelContext& ctx, const Tensor& x, int64_t* begins, int64_t* ends) {
  const Tensor* operand = ctx.input(1);
  const int64_t n = 2 * static_cast<int64_t>(x.rank);
  List<int64_t> attr = ctx.attr_ints("pads");
  if (operand == nullptr && static_cast<int64_t>(attr.size) != n) return ctx.fail("pads must have 2 * rank = %lld entries", (long long)n);
  if (operand != nullptr && (operand->rank != 1 || operand->numel != n)) {
    return ctx.fail("the pads operand must be 1-D with 2 * rank = %lld entries", (long long)n);
  }
  for (int64_t i = 0; i < n; ++i) {
    int64_t pad = 0;
    if (operand == nullptr) {
      pad = attr[static_cast<size_t>(i)];
    } else if (!read_int(*operand, i, &pad)) {
      return ctx.fail("the pads operand must hold integers");
    }
    // Keeps dim + begin + end and the offsets below far from overflow.
    if (pad > INT64_MAX / 4 || pad < -(INT64_MAX / 4)) return ctx.fail("pad %lld is out of range", (long long)pad);
    (i < x.rank ? begins[i] : ends[i - x.rank]) = pad;
  }
  return Error::ok;
}

// A double as T: saturating for integers, where C++ leaves it undefined.
template <typename T>
T value_as(double value) {
  if constexpr (std::is_same_v<T, Bool>) {
    return value != 0;
  } else if constexpr (is_floating<T>()) {
    return static_cast<T>(value);
  } else {
    if (!(value > static_cast<double>(std::numeric_limits<T>::lowest()))) return std::numeric_limits<T>::lowest();
    if (value >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(value);
  }
}

// The constant fill as bytes of x's dtype: the value operand, else the attribute.
Error read_fill(KernelContext& ctx, const Tensor& x, uint8_t* fill) {
  const Tensor* operand = ctx.input(2);
  if (operand != nullptr) {
    if (operand->dtype != x.dtype || operand->numel != 1) return ctx.fail("the value operand must be one element of x's dtype");
    std::memcpy(fill, operand->data, dtype_size(x.dtype));
    return Error::ok;
  }
  const double value = ctx.attr_float("value", 0.0);
  return visit_dtype(x.dtype, [&](auto tag) -> Error {
    using T = decltype(tag);
    const T converted = value_as<T>(value);
    std::memcpy(fill, &converted, sizeof(T));
    return Error::ok;
  });
}

// Kept element for padded-relative position j (any integer), or -1 for the fill.
int64_t source_index(int64_t j, int64_t kept, Mode mode) {
  if (j >= 0 && j < kept) return j;
  switch (mode) {
    case Mode::constant: return -1;
    case Mode::edge: return j < 0 ? 0 : kept - 1;
    case Mode::reflect: {
      if (kept == 1) return 0;
      // Reflection without the edge repeats with period 2 * (kept - 1).
      const int64_t period = 2 * (kept - 1);
      int64_t r = j % period;
      if (r < 0) r += period;
      return r < kept ? r : period - r;
    }
  }
  return -1;
}

}  // namespace

Error kernel_pad(KernelContext& ctx) {
  const Tensor* x = ctx.input(0);
  const Tensor& y = ctx.output(0);
  if (x == nullptr) return ctx.fail("the operand is missing");
  if (x->rank > kMaxRank) return ctx.fail("rank %d is above the supported %d", x->rank, kMaxRank);
  if (x->dtype != y.dtype || x->rank != y.rank) return ctx.fail("the output must have the operand's dtype and rank");
  const char* mode_name = ctx.attr_string("mode");
  Mode mode;
  if (std::strcmp(mode_name, "constant") == 0 || mode_name[0] == '\0') {
    mode = Mode::constant;
  } else if (std::strcmp(mode_name, "reflect") == 0) {
    mode = Mode::reflect;
  } else if (std::strcmp(mode_name, "edge") == 0) {
    mode = Mode::edge;
  } else {
    return ctx.fail("unknown pad mode '%s'", mode_name);
  }
  int64_t begins[kMaxRank], ends[kMaxRank];
  if (Error e = read_pads(ctx, *x, begins, ends); e != Error::ok) return e;
  uint8_t fill[8] = {};
  if (mode == Mode::constant) {
    if (Error e = read_fill(ctx, *x, fill); e != Error::ok) return e;
  }

  PadAxis axes[kMaxRank];
  for (int32_t d = 0; d < x->rank; ++d) {
    const int64_t dim = x->dims[d];
    if (y.dims[d] != dim + begins[d] + ends[d]) return ctx.fail("output dim %d must be %lld", d, (long long)(dim + begins[d] + ends[d]));
    const int64_t crop_begin = begins[d] < 0 ? -begins[d] : 0, crop_end = ends[d] < 0 ? -ends[d] : 0;
    axes[d] = {crop_begin, dim - crop_begin - crop_end, begins[d] > 0 ? begins[d] : 0};
    if (mode != Mode::constant && axes[d].kept <= 0 && y.dims[d] > 0) {
      return ctx.fail("%s padding has no element to repeat along axis %d", mode_name, d);
    }
  }
  int64_t strides[kMaxRank];
  row_major_strides(x->dims, x->rank, strides);
  const size_t size = dtype_size(x->dtype);
  int64_t o = 0;
  for_each_index(y.dims, y.rank, [&](const int64_t* index) {
    int64_t offset = 0;
    for (int32_t d = 0; d < y.rank; ++d) {
      const int64_t j = source_index(index[d] - axes[d].before, axes[d].kept, mode);
      if (j < 0) {
        std::memcpy(static_cast<uint8_t*>(y.data) + o++ * static_cast<int64_t>(size), fill, size);
        return;
      }
      offset += (axes[d].crop + j) * strides[d];
    }
    copy_element(x->data, offset, y.data, o++, size);
  });
  return Error::ok;
}

}  // namespace ingot::rt::portable
