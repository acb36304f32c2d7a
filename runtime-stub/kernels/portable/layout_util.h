// Helpers of the layout kernels, also used by the reduce and norm ones:
// walking every multi-index of a shape, offsets from strides, shape checks
// and reading the small integer parameter operands of the data-dependent
// forms (slice starts, pad pads, reduction axes).
#pragma once

#include <cstdint>
#include <cstring>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

// Calls fn(index) for every multi-index of `dims` (rank <= kMaxRank) in
// row-major order; `index` holds `rank` entries. Never for a shape with a
// zero dim; once, with no entries, for rank 0.
template <typename Fn>
void for_each_index(const int64_t* dims, int32_t rank, Fn&& fn) {
  for (int32_t d = 0; d < rank; ++d) {
    if (dims[d] <= 0) return;
  }
  int64_t index[kMaxRank] = {};
  while (true) {
    fn(static_cast<const int64_t*>(index));
    int32_t d = rank - 1;
    while (d >= 0 && ++index[d] == dims[d]) {
      index[d] = 0;
      --d;
    }
    if (d < 0) return;
  }
}

// The element offset of `index` for the given strides.
inline int64_t dot(const int64_t* index, const int64_t* strides, int32_t rank) {
  int64_t offset = 0;
  for (int32_t d = 0; d < rank; ++d) offset += index[d] * strides[d];
  return offset;
}

// Element i of an integer tensor as int64; false for other dtypes (and for
// u64 values past INT64_MAX, which no index or size can be).
inline bool read_int(const Tensor& t, int64_t i, int64_t* out) {
  const void* p = static_cast<const uint8_t*>(t.data) + i * static_cast<int64_t>(dtype_size(t.dtype));
  switch (t.dtype) {
    case DType::i8: { int8_t v; std::memcpy(&v, p, 1); *out = v; return true; }
    case DType::i16: { int16_t v; std::memcpy(&v, p, 2); *out = v; return true; }
    case DType::i32: { int32_t v; std::memcpy(&v, p, 4); *out = v; return true; }
    case DType::i64: { int64_t v; std::memcpy(&v, p, 8); *out = v; return true; }
    case DType::u8: { uint8_t v; std::memcpy(&v, p, 1); *out = v; return true; }
    case DType::u16: { uint16_t v; std::memcpy(&v, p, 2); *out = v; return true; }
    case DType::u32: { uint32_t v; std::memcpy(&v, p, 4); *out = v; return true; }
    case DType::u64: {
      uint64_t v;
      std::memcpy(&v, p, 8);
      *out = static_cast<int64_t>(v);
      return v <= static_cast<uint64_t>(INT64_MAX);
    }
    default: return false;
  }
}

// Copies one element of `size` bytes: element `from_index` of `from` to
// element `to_index` of `to`. Layout kernels move bytes, whatever the dtype.
inline void copy_element(const void* from, int64_t from_index, void* to, int64_t to_index, size_t size) {
  std::memmove(static_cast<uint8_t*>(to) + to_index * static_cast<int64_t>(size),
              static_cast<const uint8_t*>(from) + from_index * static_cast<int64_t>(size), size);
}

}  // namespace ingot::rt::portable
