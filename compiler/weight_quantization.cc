#include "compiler/weight_quantization.h"

#include <algorithm>
#include <cmath>

namespace ingot {

SymmetricWeights symmetric_per_channel(const std::vector<double>& w, const Shape& shape, int64_t axis, int bits) {
  const double qmax = static_cast<double>((1 << (bits - 1)) - 1);
  const int64_t channels = shape[static_cast<size_t>(axis)];
  int64_t inner = 1;
  for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); ++d) inner *= shape[d];
  auto channel = [&](size_t i) { return static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels); };
  SymmetricWeights out{std::vector<double>(w.size()), std::vector<double>(static_cast<size_t>(channels), 0.0)};
  for (size_t i = 0; i < w.size(); ++i) out.scales[channel(i)] = std::max(out.scales[channel(i)], std::fabs(w[i]));
  for (double& s : out.scales) s = s > 0 ? s / qmax : 1.0;
  // The scales as f32, as the program stores them; the integers round against those.
  for (double& s : out.scales) s = static_cast<double>(static_cast<float>(s));
  for (size_t i = 0; i < w.size(); ++i) out.values[i] = std::clamp(std::nearbyint(w[i] / out.scales[channel(i)]), -qmax, qmax);
  return out;
}

}  // namespace ingot
