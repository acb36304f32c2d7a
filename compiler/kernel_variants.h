// The kernels a target may call, and which nodes each fits. The optimized
// variants come from the runtime's single list (runtime-stub/kernels/x86/
// variants.def); this file adds, per family, the conditions under which a
// variant handles a node, and says why not when it does not. Kernel
// selection, decompose and fuse all ask here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace ingot {

enum class Isa { portable, avx2, avx512 };

std::string_view isa_name(Isa isa);

struct KernelVariant {
  OpKind op;
  std::string_view variant;  // "vec", "tiled", "pointwise", "depthwise"
  DType dtype;
  Isa isa;
  std::string name;  // "conv.depthwise.f32.avx2"
};

// Every optimized variant, in preference order within each op.
const std::vector<KernelVariant>& optimized_variants();

// Why `variant` cannot run a node of these attributes and result dtype
// (nullopt: it can, as far as attributes tell).
std::optional<std::string> attrs_unfit(const KernelVariant& variant, const AttrMap& attrs, DType dtype);
// Why `variant` cannot run `node` (attributes, then operand shapes).
std::optional<std::string> node_unfit(const KernelVariant& variant, const Node& node);

}  // namespace ingot
