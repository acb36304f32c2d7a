// Pair-safe 8-bit weights (compiler/weight_pair_fit.h): after the fit no
// pair of K of a row can saturate vpmaddubsw (restated here: two weights of
// one sign whose magnitudes add up past 128), the pairs that already fit
// keep their integers, and a moved pair is the fitting pair nearest the
// weights' real values, found here by trying every fitting pair.
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
  const SymmetricWeights plain = symmetric_per_channel(w, shape, 0, 8);
  SymmetricWeights fitted = plain;
  const int64_t moved = fit_weight_pairs(w, shape, &fitted);
  EXPECT_EQ(fitted.scales, plain.scales);
  int64_t changed = 0;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t i = r * k; i < (r + 1) * k; i += 2) {
      const auto at = [](const std::vector<double>& v, int64_t j) { return v[static_cast<size_t>(j)]; };
      const bool pair = i + 1 < (r + 1) * k;
      const double q0 = at(fitted.values, i), q1 = pair ? at(fitted.values, i + 1) : 0.0;
      EXPECT_TRUE(fits(q0, q1)) << "row " << r << " pair at " << i;
      if (q0 == at(plain.values, i) && (!pair || q1 == at(plain.values, i + 1))) continue;
      ++changed;
      EXPECT_FALSE(fits(at(plain.values, i), at(plain.values, i + 1))) << "a fitting pair moved at " << i;
      const double scale = fitted.scales[static_cast<size_t>(r)];
      const double t0 = at(w, i) / scale, t1 = at(w, i + 1) / scale;
      EXPECT_NEAR((q0 - t0) * (q0 - t0) + (q1 - t1) * (q1 - t1), nearest_fitting_error(t0, t1), 1e-9) << "pair at " << i;
    }
  }
  EXPECT_EQ(changed, moved);
  return moved;
}

TEST(WeightPairFit, MovesOnlyTheUnfitPairsToTheNearestThatFits) {
  // Row 0: scale 1 (its maximum 127): (127, 100) and (-120, -90) cannot fit,
  // (127, -127), (60, 68) and the odd tail's 127 (paired with 0) do.
  // Row 1: scale 2: (254, 2) is (127, 1), fits; (200, 180) is (100, 90).
  const std::vector<double> w{127, 100, -120, -90, 127, -127, 60, 68, 127,  //
                              254, 2, 200, 180, 10, 10, 0, 0, -3};
  EXPECT_EQ(check_fit(w, 2, 9), 3);
}

TEST(WeightPairFit, LeavesNoUnfitPairInRandomWeights) {
  std::mt19937 random(7);
  std::normal_distribution<double> weight(0.0, 1.0);
  std::vector<double> w(64 * 27);
  for (double& v : w) v = weight(random);
  // Heavy tails make some channels' large weights sit side by side.
  for (size_t i = 0; i < w.size(); i += 37) w[i] *= 4;
  EXPECT_GT(check_fit(w, 64, 27), 0);
}

TEST(WeightPairFit, CountsThePairsOfTheKernel) {
  EXPECT_EQ(weight_pairs({64, 3, 3, 3}), 64 * 14);
  EXPECT_EQ(weight_pairs({8, 16, 1, 1}), 8 * 8);
  EXPECT_EQ(weight_pairs({0, 4}), 0);
}

}  // namespace
}  // namespace ingot
