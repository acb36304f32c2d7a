// Symmetric i8 weights per output channel, the scheme of both static and
// dynamic quantization: scale[c] = max |w[c]| / 127 (as the f32 the program
// stores), q = round(w / scale[c]) in [-127, 127], zero point 0.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor_type.h"

namespace ingot {

struct SymmetricWeights {
  std::vector<double> values;  // the i8 integers, in w's layout
  std::vector<double> scales;  // one per channel along the axis
};

SymmetricWeights symmetric_per_channel(const std::vector<double>& w, const Shape& shape, int64_t axis);

}  // namespace ingot
