#include "compiler/weight_pair_fit.h"

#include <cmath>
#include <cstdlib>

#include "kernels/x86/qgemm_w7_pairs.h"

namespace ingot {
namespace {

constexpr int kMaxSameSignMagnitude = 128;  // 255 * 128 < 2^15 <= 255 * 129: w7_pair_fits for one sign

// The fitting pair of magnitudes (a, b), a + b <= 128, closest to (ta, tb)
// (both >= 0): for each a the best b is tb rounded and capped.
void nearest_fitting_magnitudes(double ta, double tb, int* a, int* b) {
  double best = INFINITY;
  for (int i = 0; i <= kMaxSameSignMagnitude; ++i) {
    const int j = static_cast<int>(std::min<double>(std::nearbyint(tb), kMaxSameSignMagnitude - i));
    const double error = (i - ta) * (i - ta) + (j - tb) * (j - tb);
    if (error < best) {
      best = error;
      *a = i;
      *b = j;
    }
  }
}

}  // namespace

int64_t weight_pairs(const Shape& shape) {
  if (shape.empty() || shape[0] == 0) return 0;
  int64_t k = 1;
  for (size_t d = 1; d < shape.size(); ++d) k *= shape[d];
  return shape[0] * ((k + 1) / 2);
}

int64_t fit_weight_pairs(const std::vector<double>& w, const Shape& shape, SymmetricWeights* q) {
  if (shape.empty() || shape[0] == 0) return 0;
  const int64_t rows = shape[0], k = static_cast<int64_t>(w.size()) / rows;
  int64_t moved = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const double scale = q->scales[static_cast<size_t>(r)];
    for (int64_t i = r * k; i + 1 < (r + 1) * k; i += 2) {
      double& q0 = q->values[static_cast<size_t>(i)];
      double& q1 = q->values[static_cast<size_t>(i + 1)];
      if (rt::x86::w7_pair_fits(static_cast<int32_t>(q0), static_cast<int32_t>(q1))) continue;
      // Unfit: both of one sign (one of each always fits). Work on magnitudes.
      const double sign = q0 > 0 ? 1.0 : -1.0;
      int a = 0, b = 0;
      nearest_fitting_magnitudes(std::fabs(w[static_cast<size_t>(i)] / scale), std::fabs(w[static_cast<size_t>(i + 1)] / scale), &a, &b);
      q0 = sign * a;
      q1 = sign * b;
      ++moved;
    }
  }
  return moved;
}

}  // namespace ingot
