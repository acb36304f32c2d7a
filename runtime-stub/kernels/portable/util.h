// Helpers shared by the portable reference kernels: dtype dispatch, 16-bit
// float types that compute through float, and shape arithmetic.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ingot/kernel.h"

namespace ingot::rt::portable {

// IEEE binary16 stored as bits; arithmetic happens in float.
struct Half {
  uint16_t bits;
  Half() = default;
  Half(float value);  // NOLINT: implicit, so that templated kernels read naturally
  operator float() const;
};

// bfloat16 stored as bits; arithmetic happens in float.
struct BFloat16 {
  uint16_t bits;
  BFloat16() = default;
  BFloat16(float value);  // NOLINT
  operator float() const;
};

// A bool element: one byte, 0 is false and anything else true. Kernels read
// bool tensors through this, never as C++ bool: their bytes come from callers
// and files and may hold any value, and loading such a byte as a C++ bool is
// undefined behaviour. Kernels write only 0 or 1.
struct Bool {
  uint8_t byte;
  Bool() = default;
  constexpr Bool(bool value) : byte(value ? 1 : 0) {}  // NOLINT: implicit, like Half
  constexpr operator bool() const { return byte != 0; }
};

// The dtypes the portable kernels are built for: all of them, unless a
// trimmed runtime (ingot runtime, emitters/cpp) defines INGOT_DTYPE_MASK
// (bit i: DType i, as dtype_bit()). The loader refuses a program with a
// tensor of another dtype, so a kernel never meets one.
#ifndef INGOT_DTYPE_MASK
#define INGOT_DTYPE_MASK 0x1FFF
#endif
static_assert((INGOT_DTYPE_MASK & ~kAllDTypes) == 0, "INGOT_DTYPE_MASK names an unknown dtype");

// fn(T{}) when the build has dtype D; a dtype it lacks instantiates nothing.
template <DType D, typename T, typename Fn>
Error visit_if_built(Fn& fn) {
  if constexpr ((INGOT_DTYPE_MASK & dtype_bit(D)) != 0) {
    return fn(T{});
  } else {
    return Error::kernel_failed;
  }
}

// Calls fn(T{}) with the C++ type of `dtype`. Bool is `Bool` (one byte).
template <typename Fn>
Error visit_dtype(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::f32: return visit_if_built<DType::f32, float>(fn);
    case DType::f64: return visit_if_built<DType::f64, double>(fn);
    case DType::f16: return visit_if_built<DType::f16, Half>(fn);
    case DType::bf16: return visit_if_built<DType::bf16, BFloat16>(fn);
    case DType::i8: return visit_if_built<DType::i8, int8_t>(fn);
    case DType::i16: return visit_if_built<DType::i16, int16_t>(fn);
    case DType::i32: return visit_if_built<DType::i32, int32_t>(fn);
    case DType::i64: return visit_if_built<DType::i64, int64_t>(fn);
    case DType::u8: return visit_if_built<DType::u8, uint8_t>(fn);
    case DType::u16: return visit_if_built<DType::u16, uint16_t>(fn);
    case DType::u32: return visit_if_built<DType::u32, uint32_t>(fn);
    case DType::u64: return visit_if_built<DType::u64, uint64_t>(fn);
    case DType::boolean: return visit_if_built<DType::boolean, Bool>(fn);
  }
  return Error::kernel_failed;
}

template <typename T>
constexpr bool is_floating() {
  return std::is_floating_point_v<T> || std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
}

// Row-major strides (in elements) of a shape; `out` must hold `rank` entries.
inline void row_major_strides(const int64_t* dims, int32_t rank, int64_t* out) {
  int64_t stride = 1;
  for (int32_t i = rank - 1; i >= 0; --i) {
    out[i] = stride;
    stride *= dims[i];
  }
}

// Whether two tensors have the same rank and dims.
inline bool same_dims(const Tensor& a, const Tensor& b) {
  if (a.rank != b.rank) return false;
  for (int32_t d = 0; d < a.rank; ++d) {
    if (a.dims[d] != b.dims[d]) return false;
  }
  return true;
}

// Kernels copy between tensors with memmove, never memcpy: the planner may
// place an output over an input (in place), and a corrupt program may
// overlap them in any way; memcpy of overlapping bytes is undefined.

// Most ranks in real models are small; kernels keep index arrays of this size
// on the stack and refuse larger ranks.
inline constexpr int32_t kMaxRank = 8;

}  // namespace ingot::rt::portable
