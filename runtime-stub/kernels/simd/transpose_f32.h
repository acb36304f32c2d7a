// transpose on f32 (4-byte elements): the output's trailing axes that keep
// their order and stay innermost (perm[d] = d) form runs contiguous in both
// tensors, copied whole (shufflenet's channel shuffle, attention's head
// split [B, S, 3, H, D] -> [3, B, H, S, D]); the other output axes walk the
// operand with strides updated incrementally, not recomputed per element.
// Swapping the last two axes (attention's K^T) goes in 8 x 8 blocks, so
// both sides stay in cache. Plain loads and stores: no vector traits needed.
#pragma once

#include <cstdint>
#include <cstring>

#include "ingot/kernel.h"

namespace ingot::rt::simd {

inline Error transpose_f32(KernelContext& ctx) {
  constexpr int32_t kMaxAxes = 8;
  const Tensor* x = ctx.input(0);
  if (x == nullptr || ctx.num_outputs() != 1) return ctx.fail("expects an operand");
  const Tensor& y = ctx.output(0);
  if (x->dtype != DType::f32 || y.dtype != DType::f32 || x->rank != y.rank || x->rank > kMaxAxes) {
    return ctx.fail("expects f32 of the operand's rank, at most 8");
  }
  const int32_t rank = x->rank;
  const List<int64_t> perm = ctx.attr_ints("perm");
  if (static_cast<int32_t>(perm.size) != rank) return ctx.fail("perm must have one entry per axis");
  int64_t x_strides[kMaxAxes], strides[kMaxAxes];
  bool seen[kMaxAxes] = {};
  for (int32_t d = rank - 1, s = 1; d >= 0; --d) {
    x_strides[d] = s;
    s *= x->dims[d];
  }
  for (int32_t d = 0; d < rank; ++d) {
    const int64_t p = perm[d];
    if (p < 0 || p >= rank || seen[p] || y.dims[d] != x->dims[p]) return ctx.fail("perm must be a permutation matching the dims");
    seen[p] = true;
    strides[d] = x_strides[p];
  }
  if (y.numel == 0) return Error::ok;
  const float* in = x->as<float>();
  float* out = y.as<float>();
  // The identity tail: one contiguous run per outer index.
  int32_t outer = rank;
  int64_t run = 1;
  while (outer > 0 && perm[outer - 1] == outer - 1) run *= y.dims[--outer];
  if (run == 1 && rank >= 2 && perm[rank - 1] == rank - 2 && perm[rank - 2] == rank - 1) {
    // Batched 2-D transpose: y[b, i, j] = x[b, j, i], with identity leading axes only.
    bool leading_identity = true;
    for (int32_t d = 0; d < rank - 2; ++d) leading_identity = leading_identity && perm[d] == d;
    if (leading_identity) {
      const int64_t rows = y.dims[rank - 2], cols = y.dims[rank - 1];
      const int64_t batches = y.numel / (rows * cols);
      constexpr int64_t kBlock = 8;
      for (int64_t b = 0; b < batches; ++b) {
        const float* src = in + b * rows * cols;  // x[b] is [cols, rows]
        float* dst = out + b * rows * cols;
        for (int64_t i0 = 0; i0 < rows; i0 += kBlock) {
          for (int64_t j0 = 0; j0 < cols; j0 += kBlock) {
            const int64_t i1 = i0 + kBlock < rows ? i0 + kBlock : rows, j1 = j0 + kBlock < cols ? j0 + kBlock : cols;
            for (int64_t i = i0; i < i1; ++i) {
              for (int64_t j = j0; j < j1; ++j) dst[i * cols + j] = src[j * rows + i];
            }
          }
        }
      }
      return Error::ok;
    }
  }
  int64_t index[kMaxAxes] = {};
  int64_t offset = 0;
  const int64_t runs = y.numel / run;
  for (int64_t r = 0; r < runs; ++r) {
    if (run == 1) {
      out[r] = in[offset];
    } else {
      std::memcpy(out + r * run, in + offset, static_cast<size_t>(run) * sizeof(float));
    }
    for (int32_t d = outer - 1; d >= 0; --d) {  // the next outer index
      offset += strides[d];
      if (++index[d] < y.dims[d]) break;
      offset -= strides[d] * y.dims[d];
      index[d] = 0;
    }
  }
  return Error::ok;
}

}  // namespace ingot::rt::simd
