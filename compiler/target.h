// A compilation target: its name, its ISA, and so the kernels it has: the
// portable reference kernel of every op, plus the optimized variants of its
// architecture at its ISA level and below (compiler/kernel_variants.h).
// Passes see it as a KernelTable; kernel selection asks it for the best
// kernel per node.
//
//   portable         reference kernels only; runs anywhere
//   x86-64           AVX2 + FMA (the x86-64-v3 level)
//   x86-64-avx512    AVX-512 F/BW/DQ/VL on top
//   aarch64          ARMv8-A with NEON (every 64-bit ARM CPU)
//   aarch64-dotprod  ARMv8.2-A with the dot-product extension (sdot/udot)
//   host             the best of those this CPU has
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/kernel_variants.h"
#include "ir/status.h"
#include "passes/kernel_table.h"

namespace ingot {

class Target : public KernelTable {
 public:
  // The known target of that name, or a usage error listing the known ones.
  static Result<std::unique_ptr<Target>> named(const std::string& name);

  // "x86-64"; for host, what host resolved to ("x86-64-avx512").
  const std::string& name() const { return name_; }
  Isa isa() const { return isa_; }
  // CPU features the chosen kernels need (none when every node runs on a
  // reference kernel); recorded in the program.
  static std::vector<std::string> required_features(const std::vector<KernelChoice>& choices);

  KernelSupport support(OpKind op, const AttrMap& attrs, DType dtype) const override;
  KernelSupport support(const Node& node) const override;
  std::string packing(const Node& node) const override;
  std::string unfit_any_layout(const Node& node) const override;
  // The best kernel for the node; an error when the target has none.
  Result<KernelChoice> choose(const Node& node) const;

 private:
  Target(std::string name, Isa isa);
  std::vector<const KernelVariant*> variants_for(OpKind op) const;
  std::string name_;
  Isa isa_;
  std::set<std::string> portable_;  // reference kernels this build has
};

}  // namespace ingot
