// Eight 8-bit values loaded as i16 lanes, for the NEON int8 kernels (u8 and
// i8 both fit i16, and so does a value less its zero point).
#pragma once

#include <arm_neon.h>

#include <cstdint>

namespace ingot::rt::arm {

inline int16x8_t widen_8(const uint8_t* p) { return vreinterpretq_s16_u16(vmovl_u8(vld1_u8(p))); }
inline int16x8_t widen_8(const int8_t* p) { return vmovl_s8(vld1_s8(p)); }

}  // namespace ingot::rt::arm
