#include "compiler/weight_pair_fit.h"

#include <algorithm>
#include <cmath>

#include "kernels/x86/qgemm_w7_pairs.h"

namespace ingot {
namespace {

constexpr int kMaxSameSignMagnitude = 128;  // 255 * 128 < 2^15 <= 255 * 129: w7_pair_fits for one sign
constexpr int kSevenBits = 63;               // 7-bit weights: every pair fits without moving any

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

// One channel's k weights w on the grid of `scale` (integers in [-qmax,
// qmax]) with its unfit pairs moved: the integers into q, the pairs moved
// as the result, the squared error in w's units into *error.
int64_t fit_channel(const double* w, int64_t k, double scale, double qmax, double* q, double* error) {
  int64_t moved = 0;
  for (int64_t i = 0; i < k; ++i) q[i] = std::clamp(std::nearbyint(w[i] / scale), -qmax, qmax);
  for (int64_t i = 0; i + 1 < k; i += 2) {
    if (rt::x86::w7_pair_fits(static_cast<int32_t>(q[i]), static_cast<int32_t>(q[i + 1]))) continue;
    // Unfit: both of one sign (one of each always fits). Work on magnitudes.
    const double sign = q[i] > 0 ? 1.0 : -1.0;
    int a = 0, b = 0;
    nearest_fitting_magnitudes(std::fabs(w[i] / scale), std::fabs(w[i + 1] / scale), &a, &b);
    q[i] = sign * a;
    q[i + 1] = sign * b;
    ++moved;
  }
  *error = 0;
  for (int64_t i = 0; i < k; ++i) *error += (q[i] * scale - w[i]) * (q[i] * scale - w[i]);
  return moved;
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
  std::vector<double> trial(static_cast<size_t>(k));
  int64_t moved = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const double* wr = w.data() + r * k;
    double* qr = q->values.data() + r * k;
    double& scale = q->scales[static_cast<size_t>(r)];
    double max_abs = 0;
    for (int64_t i = 0; i < k; ++i) max_abs = std::max(max_abs, std::fabs(wr[i]));
    // The 8-bit grid with its unfit pairs moved, or a coarser one (fewer
    // pairs to move, more error on every weight): the least error wins.
    double best_error = INFINITY;
    int64_t best_moved = 0;
    for (int qmax = 127; qmax >= kSevenBits; --qmax) {
      // As symmetric_per_channel: the scale as the f32 the program stores.
      const double s = max_abs > 0 ? static_cast<double>(static_cast<float>(max_abs / qmax)) : 1.0;
      double error = 0;
      const int64_t m = fit_channel(wr, k, s, qmax, trial.data(), &error);
      if (error < best_error) {
        best_error = error;
        best_moved = m;
        scale = s;
        std::copy(trial.begin(), trial.end(), qr);
      }
      // Coarser grids than the first that moves nothing add error but for
      // rounding luck: of those only 7 bits' is tried.
      if (m == 0 && qmax > kSevenBits + 1) qmax = kSevenBits + 1;
    }
    moved += best_moved;
  }
  return moved;
}

}  // namespace ingot
