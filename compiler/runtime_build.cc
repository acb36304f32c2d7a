#include "compiler/runtime_build.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "compiler/kernel_variants.h"
#include "compiler/target.h"
#include "ingot/runtime.h"

namespace ingot {
namespace {

// The kernel of `target` that does what `name` does: itself when the target
// has it; else the target's first variant (its best ISA) of the same op,
// variant and dtype.
Result<const KernelVariant*> kernel_for_target(const KernelName& name, const std::string& kernel, const Target& target) {
  for (const KernelVariant& variant : optimized_variants()) {
    if (op_name(variant.op) != name.op || variant.variant != name.variant || dtype_name(variant.dtype) != name.dtype) continue;
    if (isa_covers(target.isa(), variant.isa)) return &variant;
  }
  return Status::invalid(fmt::format("target '{}' has no kernel for '{}' ({} {} on {})", target.name(), kernel, name.op,
                                     name.variant, name.dtype));
}

}  // namespace

Result<cpp::RuntimeProjectSpec> runtime_spec(const OpSet& set, const std::string& target_name, const std::string& command) {
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> target, Target::named(target_name));
  std::set<std::string> kernels;
  std::set<std::string> features;
  Isa arch_isa = Isa::portable;
  for (const auto& [kernel, use] : set.kernels) {
    INGOT_ASSIGN_OR_RETURN(KernelName name, parse_kernel_name(kernel));
    if (name.isa == "portable") {
      kernels.insert(kernel);
      continue;
    }
    INGOT_ASSIGN_OR_RETURN(const KernelVariant* variant, kernel_for_target(name, kernel, *target));
    kernels.insert(variant->name);
    for (const std::string& feature : isa_features(variant->isa)) features.insert(feature);
    arch_isa = variant->isa;
  }
  cpp::RuntimeProjectSpec spec;
  spec.target = target->name();
  spec.command = command;
  spec.manifest.producer = "ingot 0.1.0";
  spec.manifest.format_major = static_cast<int>(rt::kFormatMajor);
  spec.manifest.format_minor = static_cast<int>(rt::kFormatMinor);
  spec.manifest.arch = std::string(isa_arch(arch_isa));
  spec.manifest.features.assign(features.begin(), features.end());
  spec.manifest.dtypes.assign(set.dtypes.begin(), set.dtypes.end());
  spec.manifest.kernels.assign(kernels.begin(), kernels.end());
  return spec;
}

Result<std::map<std::string, std::string>> runtime_project(const OpSet& set, const std::string& target,
                                                          const std::string& command) {
  INGOT_ASSIGN_OR_RETURN(cpp::RuntimeProjectSpec spec, runtime_spec(set, target, command));
  return cpp::runtime_project_files(spec);
}

}  // namespace ingot
