// Splitting a row by column parity, for windows of stride 2 (the max pool
// in pool_f32.h, the direct convolution in conv_direct_f32.h): column
// 2 ox + kx of the row is column ox + kx / 2 of the half of kx's parity, so
// that after one split per row every tap of a vector of outputs is one plain
// load, instead of two loads and two shuffles (V::load_even) per tap.
#pragma once

#include <cstdint>

namespace ingot::rt::simd {

// even[i] = row[2i] and odd[i] = row[2i + 1] (odd = even + half) for
// i < half, a multiple of kLanes. The last odd load reads row[2 half].
template <typename V>
void deinterleave_row(const float* row, int64_t half, float* even) {
  for (int64_t i = 0; i < half; i += V::kLanes) {
    V::store(even + i, V::load_even(row + 2 * i));
    V::store(even + half + i, V::load_even(row + 2 * i + 1));
  }
}

// The half row of a stride-2 window kw wide over `columns` outputs (a
// multiple of kLanes): the columns, and the kw / 2 the last taps reach past them.
template <typename V>
int64_t deinterleaved_half(int64_t columns, int64_t kw) {
  return (columns + kw / 2 + V::kLanes - 1) / V::kLanes * V::kLanes;
}

}  // namespace ingot::rt::simd
