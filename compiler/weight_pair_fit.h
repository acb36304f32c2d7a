// Pair-safe 8-bit weights (`--weight-bits 8-pair-safe`): symmetric weights
// in which no pair of K can saturate x86's vpmaddubsw
// (kernels/x86/qgemm_w7_pairs.h: two weights of one sign whose magnitudes
// add up past 128), so that every conv runs on the u8 x i8 GEMM
// (qconv.im2col_w7) while keeping as much of 8 bits as each channel can.
// Per output channel, the grids of qmax = 127 down to the first on which
// every pair fits, and 63 (7 bits) (the channel's scale max|w| / qmax): on
// each, the pairs that do not fit move to the
// fitting integer pair nearest the weights' real values (least squared
// error; ties to the smaller first magnitude: deterministic), and the grid
// whose weights end up with the least squared error wins. A channel whose
// pairs all fit keeps its 8-bit integers; one with a few large pairs moves
// them; one with many (short rows, e.g. a 1x1 conv of 16 channels, where
// two large weights of one sign side by side are common) takes a coarser
// grid instead. On the zoo (4 calibration samples, SQNR against torch):
// 0.09-0.31% of the pairs moved, resnet18 35.6 -> 34.7 dB, mobilenet_v2
// 36.2 -> 35.5, squeezenet1_1 35.9 -> 31.2: too much for a default.
// Only a conv's pairs need this; the pairs are those of the
// kernel, (2i, 2i + 1) of each output channel's row of K.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/weight_quantization.h"
#include "ir/tensor_type.h"

namespace ingot {

// Makes q (symmetric_per_channel(w, shape, 0, 8)) pair-safe, its integers
// and scales; returns how many pairs it moved (on the grids chosen).
// shape: [M, ...], a row of K per output channel.
int64_t fit_weight_pairs(const std::vector<double>& w, const Shape& shape, SymmetricWeights* q);

// Pairs of K in weights of `shape` (the last of an odd row pairs with 0).
int64_t weight_pairs(const Shape& shape);

}  // namespace ingot
