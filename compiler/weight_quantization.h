// Symmetric i8 weights per output channel, the scheme of both static and
// dynamic quantization: scale[c] = max |w[c]| / qmax (as the f32 the program
// stores), q = round(w / scale[c]) in [-qmax, qmax], zero point 0, with
// qmax = 2^(bits - 1) - 1: 127 for 8 bits, 63 for 7. 7-bit weights cost
// about 6 dB of the weights' own SQNR, and make every pair of products of a
// u8 activation fit the i16 of x86's vpmaddubsw (255 * 2 * 63 < 2^15), so
// that the compiler can select the u8 x i8 GEMM (qgemm_w7_avx2.h; on Zen 3
// 0.9x to 1.4x the exact i16 one per layer, mostly 1.1-1.3x). On the zoo
// CNNs 7-bit weights cost 4-6 dB of output SQNR against torch (29-33 dB
// instead of 36), below the 35 dB a default must keep: 8 stays the
// default, 7 is asked for. Pair-safe 8-bit weights (weight_pair_fit.h)
// reach the same GEMM by moving only the rare pairs that could saturate. The integers do not depend on the
// target: a program gives the same results everywhere. (quantize_static.cc
// gives 7 bits only to the convs that run faster for it.)
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor_type.h"

namespace ingot {

struct SymmetricWeights {
  std::vector<double> values;  // the i8 integers, in w's layout
  std::vector<double> scales;  // one per channel along the axis
};

SymmetricWeights symmetric_per_channel(const std::vector<double>& w, const Shape& shape, int64_t axis, int bits = 8);

}  // namespace ingot
