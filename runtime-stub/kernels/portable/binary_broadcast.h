// Numpy broadcasting for the portable kernels: walks the elements of a
// result in row-major order and tracks, for each operand, the offset of the
// element that broadcasts to the current one.
//
//   const Tensor* operands[] = {a, b};
//   BroadcastWalk<2> walk;
//   if (!walk.init(y, operands)) return ctx.fail("...");
//   for (int64_t i = 0; i < y.numel; ++i, walk.next()) y[i] = a[walk.offset(0)] + b[walk.offset(1)];
#pragma once

#include <cstdint>

#include "kernels/portable/util.h"

namespace ingot::rt::portable {

template <int N>
class BroadcastWalk {
 public:
  // False when an operand's shape does not broadcast to `out`'s (operands
  // align at their last dim; each dim equals the result's or is 1) or a rank
  // exceeds kMaxRank. Only then are the offsets guaranteed in bounds.
  bool init(const Tensor& out, const Tensor* const (&operands)[N]) {
    if (out.rank > kMaxRank) return false;
    rank_ = out.rank;
    for (int32_t r = 0; r < rank_; ++r) {
      dims_[r] = out.dims[r];
      index_[r] = 0;
    }
    for (int n = 0; n < N; ++n) {
      offset_[n] = 0;
      if (!init_strides(*operands[n], strides_[n])) return false;
    }
    return true;
  }

  // The element of operand `n` that broadcasts to the current result element.
  int64_t offset(int n) const { return offset_[n]; }

  // Steps to the next result element: the last index moves fastest, and an
  // index that wraps to 0 rewinds the offsets by that dim's whole extent.
  void next() {
    for (int32_t r = rank_ - 1; r >= 0; --r) {
      ++index_[r];
      for (int n = 0; n < N; ++n) offset_[n] += strides_[n][r];
      if (index_[r] < dims_[r]) return;
      for (int n = 0; n < N; ++n) offset_[n] -= strides_[n][r] * dims_[r];
      index_[r] = 0;
    }
  }

 private:
  // The operand's stride per result dim; 0 where it broadcasts (a missing
  // leading dim or a dim of 1).
  bool init_strides(const Tensor& operand, int64_t* strides) const {
    if (operand.rank > rank_) return false;
    int64_t stride = 1;
    int32_t k = operand.rank - 1;
    for (int32_t r = rank_ - 1; r >= 0; --r, --k) {
      if (k < 0) {
        strides[r] = 0;
        continue;
      }
      const int64_t dim = operand.dims[k];
      if (dim != dims_[r] && dim != 1) return false;
      strides[r] = dim == 1 ? 0 : stride;
      stride *= dim;
    }
    return true;
  }

  int32_t rank_ = 0;
  int64_t dims_[kMaxRank] = {};
  int64_t index_[kMaxRank] = {};
  int64_t strides_[N][kMaxRank] = {};
  int64_t offset_[N] = {};
};

}  // namespace ingot::rt::portable
