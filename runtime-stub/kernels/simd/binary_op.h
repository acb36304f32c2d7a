// Which elementwise arithmetic op a binary kernel instantiates.
#pragma once

namespace ingot::rt::simd {

enum class BinaryOp { add, sub, mul, div };

}  // namespace ingot::rt::simd
