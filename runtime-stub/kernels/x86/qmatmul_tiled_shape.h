// The limits of the AVX2 tiled qmatmul (qmatmul_tiled_avx2.h). Plain C++,
// no intrinsics: the compiler's kernel selection (compiler/kernel_variants.cc)
// selects the variant within them.
#pragma once

#include <cstdint>

namespace ingot::rt::x86 {

// A B block holds b's whole K for at least 16 columns in kTiledPairs i32
// pairs (128 KiB on the stack): K up to 2 * kTiledPairs / 16.
inline constexpr int64_t kTiledPairs = 32768;
inline constexpr int64_t kTiledMaxK = 2 * kTiledPairs / 16;
// With fewer rows of a the packed block is not shared enough to pay: a row
// at a time (qmatmul.rows) is as fast.
inline constexpr int64_t kTiledMinRows = 4;

}  // namespace ingot::rt::x86
