// The compiler's half of fixed-point requantization: a positive real
// multiplier (x_scale * w_scale / y_scale, say) as the integer pair the
// integer ops carry (runtime-stub/kernels/portable/requantize.h applies it).
#pragma once

#include <cstdint>

#include "ir/status.h"

namespace ingot {

// real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31) rounded to
// nearest, shift in [-31, 30]. A real below 2^-32 (every product rounds to 0)
// gives multiplier 0, shift 0.
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

// Fails for a real that is not finite and positive, or too large for a shift
// of 30 (>= 2^30: a scale ratio no sane model has).
Result<FixedPointMultiplier> fixed_point_multiplier(double real);

}  // namespace ingot
