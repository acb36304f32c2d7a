// Helpers shared by the indexing kernels (gather, scatter, one_hot, top_k,
// cumsum, trilu, range): index operands, run-time scalar parameters and
// shape arithmetic.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

inline bool is_index_dtype(DType dtype) { return dtype == DType::i32 || dtype == DType::i64; }

// Element i of an i32 or i64 tensor (the caller checked is_index_dtype).
inline int64_t index_at(const Tensor& t, int64_t i) {
  return t.dtype == DType::i32 ? int64_t{t.as<int32_t>()[i]} : t.as<int64_t>()[i];
}

// A negative index counts from the end, as in ONNX; false when the index is
// outside [-size, size).
inline bool wrap_index(int64_t index, int64_t size, int64_t* out) {
  if (index < 0) index += size;
  if (index < 0 || index >= size) return false;
  *out = index;
  return true;
}

// Element i of a numeric tensor as an integer; floats truncate toward zero
// as ONNX's casts do. False for bool, NaN or values outside int64.
inline bool integer_at(const Tensor& t, int64_t i, int64_t* out) {
  Error error = visit_dtype(t.dtype, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_same_v<T, Bool>) {
      return Error::kernel_failed;
    } else if constexpr (is_floating<T>()) {
      double value = static_cast<double>(static_cast<const T*>(t.data)[i]);
      // The bounds are exact doubles; the comparison also rejects NaN.
      if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0)) return Error::kernel_failed;
      *out = static_cast<int64_t>(value);
      return Error::ok;
    } else {
      *out = static_cast<int64_t>(static_cast<const T*>(t.data)[i]);
      return Error::ok;
    }
  });
  return error == Error::ok;
}

// An integer parameter that is the attribute `name` when present, else the
// one-element operand `operand` (the "data-dependent operand form").
inline Error int_param(KernelContext& ctx, const char* name, size_t operand, int64_t* out) {
  if (ctx.has_attr(name)) {
    *out = ctx.attr_int(name);
    return Error::ok;
  }
  const Tensor* t = ctx.input(operand);
  if (t == nullptr) return ctx.fail("%s is neither an attribute nor an operand", name);
  if (t->numel != 1) return ctx.fail("the %s operand must hold one element, not %lld", name, (long long)t->numel);
  if (!integer_at(*t, 0, out)) return ctx.fail("the %s operand is not a representable integer", name);
  return Error::ok;
}

// The product of dims[from, to).
inline int64_t dims_product(const Tensor& t, int32_t from, int32_t to) {
  int64_t product = 1;
  for (int32_t d = from; d < to; ++d) product *= t.dims[d];
  return product;
}

inline bool same_shape(const Tensor& a, const Tensor& b) {
  if (a.rank != b.rank) return false;
  for (int32_t d = 0; d < a.rank; ++d) {
    if (a.dims[d] != b.dims[d]) return false;
  }
  return true;
}

// How a scatter combines an update with the element already there.
enum class Reduction { none, add, mul };

inline bool parse_reduction(const char* name, Reduction* out) {
  if (std::strcmp(name, "none") == 0 || name[0] == '\0') {
    *out = Reduction::none;
  } else if (std::strcmp(name, "add") == 0) {
    *out = Reduction::add;
  } else if (std::strcmp(name, "mul") == 0) {
    *out = Reduction::mul;
  } else {
    return false;
  }
  return true;
}

// `old` combined with `update`. Integers wrap (computed in uint64_t, where
// overflow is defined); bool adds as "or" and multiplies as "and".
template <typename T>
T combine(Reduction reduction, T old, T update) {
  if (reduction == Reduction::none) return update;
  if constexpr (std::is_same_v<T, Bool>) {
    return reduction == Reduction::add ? (old || update) : (old && update);
  } else if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    float a = old, b = update;
    return T(reduction == Reduction::add ? a + b : a * b);
  } else if constexpr (std::is_floating_point_v<T>) {
    return reduction == Reduction::add ? old + update : old * update;
  } else {
    auto a = static_cast<uint64_t>(old), b = static_cast<uint64_t>(update);
    return static_cast<T>(reduction == Reduction::add ? a + b : a * b);
  }
}

// Advances a row-major multi-index over `dims` by one element. (Not named
// next_index: linalg_util.h has a bool one, and two inline functions with one
// signature are one symbol to the linker: whichever it keeps serves both.)
inline void step_index(int64_t* index, const int64_t* dims, int32_t rank) {
  for (int32_t d = rank - 1; d >= 0; --d) {
    if (++index[d] < dims[d]) return;
    index[d] = 0;
  }
}

}  // namespace ingot::rt::portable
