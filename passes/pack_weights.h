// pack-weights: constant conv, matmul and gemm weights into the layout of
// the kernel the target gives the node (runtime-stub/kernels/simd/
// pack_f32.h: conv weights in row panels of the ISA's GEMM microkernel
// height, 6 on AVX2, 12 on AVX-512, 8 on NEON; 2-D matmul/gemm b in column
// panels of its width, 16, 32, 8), so that the runtime reads them in place
// and never repacks. The node gets `packed = "mr6"` / `"nr32"`, which
// selects the `*_packed` variant; the constant keeps its shape and size. The last pass: it asks the target
// which kernel the node gets, which the passes before it may still change.
#pragma once

#include "passes/pass.h"

namespace ingot {

Pass pack_weights_pass();

// The rewrite itself: packs every node the kernel table says reads packed
// weights; returns how many nodes it packed.
int64_t pack_weights(Graph& graph, const KernelTable& kernels);

}  // namespace ingot
