#include "compiler/target.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingot/runtime.h"
#include "ir/verifier.h"

namespace ingot {
namespace {

bool host_has(std::initializer_list<const char*> features) {
  for (const char* feature : features) {
    if (!rt::cpu_supports(feature)) return false;
  }
  return true;
}

}  // namespace

Target::Target(std::string name, Isa isa) : name_(std::move(name)), isa_(isa) {
  const rt::KernelSet set = rt::portable_kernels();
  for (size_t i = 0; i < set.count; ++i) portable_.insert(set.entries[i].name);
}

Result<std::unique_ptr<Target>> Target::named(const std::string& name) {
  if (name == "portable") return std::unique_ptr<Target>(new Target(name, Isa::portable));
  if (name == "x86-64") return std::unique_ptr<Target>(new Target(name, Isa::avx2));
  if (name == "x86-64-avx512") return std::unique_ptr<Target>(new Target(name, Isa::avx512));
  if (name == "aarch64") return std::unique_ptr<Target>(new Target(name, Isa::neon));
  if (name == "aarch64-dotprod") return std::unique_ptr<Target>(new Target(name, Isa::dotprod));
  if (name == "host") {
    if (host_has({"avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"})) return named("x86-64-avx512");
    if (host_has({"avx2", "fma"})) return named("x86-64");
    if (host_has({"neon", "dotprod"})) return named("aarch64-dotprod");
    if (host_has({"neon"})) return named("aarch64");
    return named("portable");
  }
  return Status::usage(fmt::format(
      "unknown target '{}' (known: portable, x86-64, x86-64-avx512, aarch64, aarch64-dotprod, host)", name));
}

std::vector<std::string> Target::required_features(const std::vector<KernelChoice>& choices) {
  Isa needed = Isa::portable;
  for (const KernelChoice& choice : choices) {
    for (const KernelVariant& variant : optimized_variants()) {
      if (variant.name == choice.kernel) needed = std::max(needed, variant.isa);
    }
  }
  // A target chooses variants of its own architecture only, so the highest
  // ISA among them includes the others.
  return isa_features(needed);
}

std::vector<const KernelVariant*> Target::variants_for(OpKind op) const {
  std::vector<const KernelVariant*> usable;
  for (const KernelVariant& variant : optimized_variants()) {
    if (variant.op == op && isa_covers(isa_, variant.isa)) usable.push_back(&variant);
  }
  return usable;
}

KernelSupport Target::support(OpKind op, const AttrMap& attrs, DType dtype) const {
  for (const KernelVariant* variant : variants_for(op)) {
    if (!attrs_unfit(*variant, attrs, dtype)) return KernelSupport::optimized;
  }
  return portable_.contains(fmt::format("{}.portable", op_name(op))) ? KernelSupport::reference : KernelSupport::none;
}

KernelSupport Target::support(const Node& node) const {
  Result<KernelChoice> choice = choose(node);
  if (!choice.ok()) return KernelSupport::none;
  return choice->optimized ? KernelSupport::optimized : KernelSupport::reference;
}

std::string Target::packing(const Node& node) const {
  if (!packable_weights(node) || !node.attr_s("packed").empty()) return "";
  const std::vector<const KernelVariant*> variants = variants_for(node.op());
  for (const KernelVariant* variant : variants) {
    if (packed_only(*variant) && !node_unfit_any_layout(*variant, node)) return variant_packing(*variant);
    if (is_packed_variant(*variant) || node_unfit(*variant, node)) continue;
    // The kernel the node gets as it is: packed when that kind of kernel has
    // a packed sibling of the same ISA.
    const std::string sibling = fmt::format("{}.{}_packed.{}.{}", op_name(node.op()), variant->variant,
                                            dtype_name(variant->dtype), isa_name(variant->isa));
    for (const KernelVariant* other : variants) {
      if (other->name == sibling && !node_unfit_any_layout(*other, node)) return variant_packing(*other);
    }
    return "";
  }
  return "";
}

std::string Target::unfit_any_layout(const Node& node) const {
  std::vector<std::string> reasons;
  for (const KernelVariant* variant : variants_for(node.op())) {
    std::optional<std::string> why = node_unfit_any_layout(*variant, node);
    if (!why) return "";
    reasons.push_back(fmt::format("{}: {}", variant->name, *why));
  }
  if (reasons.empty()) return fmt::format("no {} kernel for {}", name_, op_name(node.op()));
  return fmt::format("{}", fmt::join(reasons, "; "));
}

Result<KernelChoice> Target::choose(const Node& node) const {
  // Why each kind of variant does not fit, once per kind (its best ISA).
  std::vector<std::string> reasons;
  std::set<std::string_view> kinds;
  for (const KernelVariant* variant : variants_for(node.op())) {
    std::optional<std::string> why = node_unfit(*variant, node);
    if (!why) return KernelChoice{variant->name, true, ""};
    // A packed kind says what its unpacked sibling says (plus "not packed");
    // one without a sibling (packed_only) says why itself.
    if (is_packed_variant(*variant) && !packed_only(*variant)) continue;
    if (kinds.insert(variant->variant).second) reasons.push_back(fmt::format("{}: {}", variant->name, *why));
  }
  const std::string portable = fmt::format("{}.portable", op_name(node.op()));
  if (!portable_.contains(portable)) {
    return Status::invalid(fmt::format("{}target {} has no kernel for this op", node_context(node), name_));
  }
  if (isa_ == Isa::portable) return KernelChoice{portable, false, ""};
  if (reasons.empty()) return KernelChoice{portable, false, fmt::format("no {} kernel for {} yet", name_, op_name(node.op()))};
  return KernelChoice{portable, false, fmt::format("{}", fmt::join(reasons, "; "))};
}

}  // namespace ingot
