#include "kernels/portable/util.h"

#include "ingot/half.h"

namespace ingot::rt::portable {

Half::Half(float value) : bits(ingot::float_to_half(value)) {}
Half::operator float() const { return ingot::half_to_float(bits); }

BFloat16::BFloat16(float value) : bits(ingot::float_to_bfloat16(value)) {}
BFloat16::operator float() const { return ingot::bfloat16_to_float(bits); }

}  // namespace ingot::rt::portable
