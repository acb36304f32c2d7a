#include "compiler/target.h"

#include <fmt/format.h>

#include "ingot/runtime.h"

namespace ingot {

Target::Target(std::string name) : name_(std::move(name)) {
  const rt::KernelSet set = rt::portable_kernels();
  for (size_t i = 0; i < set.count; ++i) kernels_.insert(set.entries[i].name);
}

Result<std::unique_ptr<Target>> Target::named(const std::string& name) {
  if (name != "portable") return Status::usage(fmt::format("unknown target '{}' (known: portable)", name));
  return std::unique_ptr<Target>(new Target(name));
}

std::string Target::kernel_for(OpKind op) const {
  std::string name = fmt::format("{}.portable", op_name(op));
  return kernels_.contains(name) ? name : "";
}

KernelSupport Target::support(OpKind op, const AttrMap&, DType) const {
  // Every portable kernel handles every attribute and dtype its op allows.
  return kernel_for(op).empty() ? KernelSupport::none : KernelSupport::reference;
}

}  // namespace ingot
