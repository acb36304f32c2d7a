#include "compiler/op_set.h"

#include <fmt/format.h>

namespace ingot {

Result<KernelName> parse_kernel_name(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(name.substr(start, dot - start));
  }
  parts.push_back(name.substr(start));
  for (const std::string& part : parts) {
    if (part.empty()) return Status::invalid(fmt::format("'{}' is not a kernel name", name));
  }
  if (parts.size() == 2 && parts[1] == "portable") return KernelName{parts[0], "portable", "", "portable"};
  if (parts.size() == 4) return KernelName{parts[0], parts[1], parts[2], parts[3]};
  return Status::invalid(fmt::format("'{}' is not a kernel name (op.portable or op.variant.dtype.isa)", name));
}

Status add_program(const ProgramNeeds& program, const std::string& name, const OpSetModel& model, OpSet* set) {
  if (!set->target.empty() && program.target != set->target) {
    return Status::usage(fmt::format("{} was compiled for target '{}', the others for '{}': an op set is for one target",
                                     program.file, program.target, set->target));
  }
  set->target = program.target;
  set->models[name] = model;
  for (const auto& [dtype, tensor] : program.tensor_dtypes) set->dtypes.insert(std::string(dtype_name(dtype)));
  for (const ProgramKernelUse& use : program.kernels) {
    if (use.instructions == 0) continue;
    INGOT_RETURN_IF_ERROR(parse_kernel_name(use.name).status().with_context(program.file + ": "));
    OpSetKernel& kernel = set->kernels[use.name];
    for (DType dtype : use.dtypes) kernel.dtypes.insert(std::string(dtype_name(dtype)));
    kernel.models.insert(name);
    kernel.source_ops.insert(use.source_ops.begin(), use.source_ops.end());
  }
  return {};
}

}  // namespace ingot
