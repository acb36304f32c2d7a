// The op lists `ingot ops` writes and `ingot runtime` reads: made from
// models or compiled programs, and read or written in ingot's format
// (op_set.h) or, for teams moving from the peers, ExecuTorch's
// selected_operators.yaml and ONNX Runtime's required_operators.config
// (docs/runtimes.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/compile.h"
#include "compiler/op_set.h"

namespace ingot {

enum class OpListFormat { ingot, executorch, onnxruntime };
Result<OpListFormat> parse_op_list_format(const std::string& name);

// The op set of these models (compiled in memory for options.target) and
// programs (their own target, which must be options.target unless that is
// empty). `progress` hears "compiling NAME" before each one.
Result<OpSet> op_set_of(const std::vector<std::string>& paths, const CompileOptions& options,
                        const std::function<void(size_t index, const std::string& path)>& progress);

// The file's op list in whichever of the three formats it is. A list of
// source ops (ExecuTorch's, ONNX Runtime's) becomes every kernel that
// `target` has for the core ops they map onto.
Result<OpSet> read_op_list(const std::string& path, const std::string& target);

Result<std::string> write_op_list(const OpSet& set, OpListFormat format);

struct SourceOpList;
// A framework's list of source ops (source_op_list.h) as the kernels that
// `target` has for the core ops they become: every variant of each, and the
// portable kernel (source_op_kernels.cc).
Result<OpSet> kernels_for_source_ops(const SourceOpList& list, const std::string& target);

}  // namespace ingot
