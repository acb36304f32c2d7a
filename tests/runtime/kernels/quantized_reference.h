// What the integer-op tests (qconv, qmatmul, qadd) compare the kernels with:
// the same quantized arithmetic done the plain way, dequantized to real
// numbers in double and quantized back with round-half-away-from-zero. The
// kernels' fixed-point requantization may differ from it by one step where
// the real value lies within a rounding error of a tie; the tests bound how
// often.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace ingot::rt::testing {

// A fixed-point multiplier chosen at random, and the real number it stands for.
struct Multiplier {
  int64_t multiplier, shift;
  double real() const { return std::ldexp(static_cast<double>(multiplier), static_cast<int>(shift - 31)); }
};

inline Multiplier random_multiplier(std::mt19937& rng, int min_shift, int max_shift) {
  std::uniform_int_distribution<int64_t> m(int64_t{1} << 30, (int64_t{1} << 31) - 1);
  std::uniform_int_distribution<int> s(min_shift, max_shift);
  const int64_t multiplier = m(rng);
  return {multiplier, s(rng)};
}

// round(real) half away from zero, plus the zero point, clamped to [lo, hi].
inline int32_t quantize_reference(double real, int32_t zero_point, int32_t lo, int32_t hi) {
  const double q = std::round(real) + zero_point;
  return static_cast<int32_t>(std::fmin(std::fmax(q, lo), hi));
}

// Counts where `got` and `want` differ; fails on any difference above one step.
template <typename T>
int count_mismatches(const std::vector<T>& got, const std::vector<int32_t>& want) {
  int mismatches = 0;
  EXPECT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size() && i < want.size(); ++i) {
    const int32_t diff = static_cast<int32_t>(got[i]) - want[i];
    EXPECT_LE(std::abs(diff), 1) << "element " << i << ": " << static_cast<int32_t>(got[i]) << " vs " << want[i];
    mismatches += diff != 0;
  }
  return mismatches;
}

template <typename T>
std::vector<T> random_values(std::mt19937& rng, size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<T> values(n);
  for (T& v : values) v = static_cast<T>(d(rng));
  return values;
}

}  // namespace ingot::rt::testing
