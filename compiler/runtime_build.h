// From an op set to a runtime: the project (emitters/cpp/runtime_project.h)
// of exactly the set's kernels for a target, and, for the size report, the
// project built for that target (runtime_size.h).
#pragma once

#include <map>
#include <string>

#include "compiler/op_set.h"
#include "emitters/cpp/runtime_project.h"
#include "ir/status.h"

namespace ingot {

// The project spec: the set's kernels, for `target` (a kernel named for
// another ISA of the set is replaced by the target's best kernel of the same
// op, variant and dtype; an error names one the target lacks), its dtypes,
// and the CPU features and architecture of those kernels.
Result<cpp::RuntimeProjectSpec> runtime_spec(const OpSet& set, const std::string& target, const std::string& command);

// runtime_spec, then the project's files (path -> content).
Result<std::map<std::string, std::string>> runtime_project(const OpSet& set, const std::string& target,
                                                          const std::string& command);

}  // namespace ingot
