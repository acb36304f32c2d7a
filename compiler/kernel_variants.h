// The kernels a target may call, and which nodes each fits. The optimized
// variants come from the runtime's lists, one per architecture
// (runtime-stub/kernels/x86/variants.def, runtime-stub/kernels/arm/
// variants.def); this file adds, per family, the conditions under which a
// variant handles a node, and says why not when it does not. Kernel
// selection, decompose and fuse all ask here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace ingot {

// Within an architecture, later ISAs include the earlier ones: avx512 has
// avx2, dotprod has neon.
enum class Isa { portable, avx2, avx512, neon, dotprod };

std::string_view isa_name(Isa isa);
std::optional<Isa> parse_isa(std::string_view name);
// The architecture a kernel of this ISA runs on, as runtime manifests name
// it: "x86_64", "aarch64", "any" (portable).
std::string_view isa_arch(Isa isa);
// Whether a target of ISA `target` runs kernels built for `variant`: the
// same architecture, at or below the target's level (portable: none).
bool isa_covers(Isa target, Isa variant);
// The CPU features a program whose kernels need `isa` records (required_isa).
std::vector<std::string> isa_features(Isa isa);

struct KernelVariant {
  OpKind op;
  std::string_view variant;  // "vec", "tiled", "pointwise", "depthwise"
  DType dtype;
  Isa isa;
  std::string name;  // "conv.depthwise.f32.avx2", "conv.depthwise.f32.neon"
};

// A variant that reads its weights packed by the compiler
// ("conv.pointwise_packed.f32.avx2": variant kind ending in "_packed"), and
// its packing, the node's `packed` attribute (pack_f32.h): "mr6" (conv
// weights in row panels of the ISA's microkernel height), "nr32" (matmul
// and gemm weights in column panels of its width); "" when unpacked.
bool is_packed_variant(const KernelVariant& variant);
// A packed variant with no unpacked sibling, whose weights exist only in a
// transformed form (conv.winograd: "wino6mr12", winograd_f32.h): selection
// packs for it whenever it fits the node as imported.
bool transforms_weights(const KernelVariant& variant);
// A packed variant with no unpacked sibling: one that transforms its
// weights, or expand_depthwise's (the op exists only for that kernel).
bool packed_only(const KernelVariant& variant);
std::string variant_packing(const KernelVariant& variant);
// Whether the node's weights (input 1) are what pack-weights packs: an f32
// constant, 2-D for matmul and gemm.
bool packable_weights(const Node& node);

// Every optimized variant of every architecture, in preference order within
// each op and architecture.
const std::vector<KernelVariant>& optimized_variants();

// Why `variant` cannot run a node of these attributes and result dtype
// (nullopt: it can, as far as attributes tell).
std::optional<std::string> attrs_unfit(const KernelVariant& variant, const AttrMap& attrs, DType dtype);
// Why `variant` cannot run `node` (attributes, then operand shapes, then the
// weights' layout: a packed variant runs exactly the nodes whose `packed`
// attribute is its packing, an unpacked one only nodes without it).
std::optional<std::string> node_unfit(const KernelVariant& variant, const Node& node);
// node_unfit without the layout condition: whether the kind of kernel suits
// the node, whatever the order of its weights.
std::optional<std::string> node_unfit_any_layout(const KernelVariant& variant, const Node& node);

}  // namespace ingot
