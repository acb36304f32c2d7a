#include "passes/fixed_point.h"

#include <cmath>

#include <fmt/format.h>

namespace ingot {

Result<FixedPointMultiplier> fixed_point_multiplier(double real) {
  if (!std::isfinite(real) || real <= 0) return Status::invalid(fmt::format("the requantization scale {} is not positive", real));
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);  // real = fraction * 2^exponent, fraction in [0.5, 1)
  int64_t q = std::llround(fraction * 2147483648.0);     // in [2^30, 2^31]
  if (q == (int64_t{1} << 31)) {                          // rounded up to 1.0: renormalise
    q /= 2;
    ++exponent;
  }
  if (exponent > 30) return Status::invalid(fmt::format("the requantization scale {} is too large", real));
  if (exponent < -31) return FixedPointMultiplier{};  // below 2^-32: every product rounds to 0
  return FixedPointMultiplier{static_cast<int32_t>(q), exponent};
}

}  // namespace ingot
