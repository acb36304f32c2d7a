// Pair-safe 8-bit weights (compiler/weight_pair_fit.h): afterwards no pair
// of K of a row can saturate vpmaddubsw (restated here: two weights of one
// sign whose magnitudes add up past 128); a channel whose pairs all fit
// keeps its 8-bit integers and scale; and every channel's error is at most
// that of the two simpler schemes: its unfit pairs moved on the 8-bit grid
// to the nearest fitting pair (found here by trying every pair), or 7-bit
// weights (symmetric_per_channel with 7 bits).
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/weight_pair_fit.h"
#include "compiler/weight_quantization.h"

namespace ingot {
namespace {

bool fits(double a, double b) { return !((a > 0 && b > 0 && a + b > 128) || (a < 0 && b < 0 && -a - b > 128)); }

// The least squared error of any fitting integer pair to (t0, t1).
double nearest_fitting_error(double t0, double t1) {
  double best = INFINITY;
  for (int a = -127; a <= 127; ++a) {
    for (int b = -127; b <= 127; ++b) {
      if (fits(a, b)) best = std::min(best, (a - t0) * (a - t0) + (b - t1) * (b - t1));
    }
  }
  return best;
}

// Checks the fit of w ([rows, k]) and returns how many pairs it moved.
int64_t check_fit(const std::vector<double>& w, int64_t rows, int64_t k) {
  const Shape shape{rows, k};
  const SymmetricWeights plain = symmetric_per_channel(w, shape, 0, 8), seven = symmetric_per_channel(w, shape, 0, 7);
  SymmetricWeights fitted = plain;
  const int64_t moved = fit_weight_pairs(w, shape, &fitted);
  const auto at = [](const std::vector<double>& v, int64_t j) { return v[static_cast<size_t>(j)]; };
  int64_t off_grid = 0;  // pairs not at their weights rounded on the row's grid: the moved ones
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = r * k; i + 1 < (r + 1) * k; i += 2) {
      const double s = at(fitted.scales, r);
      off_grid += at(fitted.values, i) != std::nearbyint(at(w, i) / s) || at(fitted.values, i + 1) != std::nearbyint(at(w, i + 1) / s);
    }
    const double scale = at(plain.scales, r);
    bool all_fit = true;
    double fitted_error = 0, seven_error = 0, moved_error = 0;  // squared, in w's units
    for (int64_t i = r * k; i < (r + 1) * k; ++i) {
      EXPECT_LE(std::fabs(at(fitted.values, i)), 127);
      fitted_error += std::pow(at(fitted.values, i) * at(fitted.scales, r) - at(w, i), 2);
      seven_error += std::pow(at(seven.values, i) * at(seven.scales, r) - at(w, i), 2);
    }
    for (int64_t i = r * k; i < (r + 1) * k; i += 2) {
      const bool pair = i + 1 < (r + 1) * k;
      EXPECT_TRUE(fits(at(fitted.values, i), pair ? at(fitted.values, i + 1) : 0.0)) << "row " << r << " pair at " << i;
      const double p0 = at(plain.values, i), p1 = pair ? at(plain.values, i + 1) : 0.0;
      const double t0 = at(w, i) / scale, t1 = pair ? at(w, i + 1) / scale : 0.0;
      all_fit = all_fit && fits(p0, p1);
      moved_error += (fits(p0, p1) ? (p0 - t0) * (p0 - t0) + (p1 - t1) * (p1 - t1) : nearest_fitting_error(t0, t1)) * scale * scale;
    }
    EXPECT_LE(fitted_error, moved_error * (1 + 1e-9)) << "row " << r;
    EXPECT_LE(fitted_error, seven_error * (1 + 1e-9)) << "row " << r;
    if (all_fit) {
      EXPECT_EQ(at(fitted.scales, r), scale) << "row " << r;
      for (int64_t i = r * k; i < (r + 1) * k; ++i) EXPECT_EQ(at(fitted.values, i), at(plain.values, i)) << "row " << r;
    }
  }
  EXPECT_EQ(off_grid, moved);
  return moved;
}

TEST(WeightPairFit, FitsEveryPairAtLeastAsWellAsMovingPairsOr7Bits) {
  // Row 0: scale 1 (its maximum 127): (127, 100) and (-120, -90) cannot fit,
  // (127, -127), (60, 68) and the odd tail's 127 (paired with 0) do.
  // Row 1: scale 2: (254, 2) is (127, 1), fits; (200, 180) is (100, 90).
  // Row 2: every pair fits: its integers stay.
  const std::vector<double> w{127, 100, -120, -90, 127, -127, 60, 68, 127,  //
                              254, 2, 200, 180, 10, 10, 0, 0, -3,           //
                              127, 1, -64, -64, 5, 100, -100, 3, 7};
  check_fit(w, 3, 9);
}

TEST(WeightPairFit, LeavesNoUnfitPairInRandomWeights) {
  std::mt19937 random(7);
  std::normal_distribution<double> weight(0.0, 1.0);
  // Long rows (a 3x3 conv of 3 channels) and short ones (a 1x1 of 16).
  for (int64_t k : {27, 16}) {
    std::vector<double> w(static_cast<size_t>(64 * k));
    for (double& v : w) v = weight(random);
    // Heavy tails make some channels' large weights sit side by side.
    for (size_t i = 0; i < w.size(); i += 37) w[i] *= 4;
    EXPECT_GT(check_fit(w, 64, k), 0);
  }
}

TEST(WeightPairFit, CountsThePairsOfTheKernel) {
  EXPECT_EQ(weight_pairs({64, 3, 3, 3}), 64 * 14);
  EXPECT_EQ(weight_pairs({8, 16, 1, 1}), 8 * 8);
  EXPECT_EQ(weight_pairs({0, 4}), 0);
}

}  // namespace
}  // namespace ingot
