// Pair-safe 8-bit weights (`--weight-bits 8-pair-safe`): 8-bit symmetric
// weights in which every pair of K that could saturate x86's vpmaddubsw
// (kernels/x86/qgemm_w7_pairs.h: two weights of one sign whose magnitudes
// add up past 128) is moved to the nearest pair that fits, so that every
// conv runs on the u8 x i8 GEMM (qconv.im2col_w7) while keeping 8 bits
// where they matter: on trained weights such pairs are rare (a weight near
// the channel's maximum next to another large one of the same sign).
// "Nearest": the fitting integer pair closest, in squared error, to the
// weights' real values in units of the channel's scale; a pair of real
// values t0, t1 is never moved further than needed (ties go to the smaller
// first magnitude, so the result is deterministic). The scales stay: the
// integers alone change. Only a conv's pairs need this; the pairs are those
// of the kernel, (2i, 2i + 1) of each output channel's row of K.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/weight_quantization.h"
#include "ir/tensor_type.h"

namespace ingot {

// Moves the pairs of q (symmetric_per_channel(w, shape, 0, 8)) that could
// saturate; returns how many it moved. shape: [M, ...], a row of K per
// output channel.
int64_t fit_weight_pairs(const std::vector<double>& w, const Shape& shape, SymmetricWeights* q);

// Pairs of K in weights of `shape` (the last of an odd row pairs with 0).
int64_t weight_pairs(const Shape& shape);

}  // namespace ingot
