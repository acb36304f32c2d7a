// The ATen importer: reads a program saved by torch.export.save (.pt2), binds
// its symbolic sizes, turns parameters, buffers and lifted constants into
// constants, and maps every ATen node (training IR or Core ATen) onto core
// ops.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/imported_model.h"
#include "ir/core_op_set.h"
#include "ir/status.h"

namespace ingot::aten {

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options);

// The ATen targets ingot maps ("aten.addmm.default"), sorted; for the
// coverage table in docs/ops.md.
std::vector<std::string> mapped_targets();

// The core ops that nodes of an ATen op may become, known without a program
// (for op lists such as ExecuTorch's selected_operators.yaml): every core op
// its converter may emit, decompositions and dtype casts included. `op` is
//   "aten.add.Tensor" (torch.export's target, "torch.ops." prefix allowed),
//   "aten::add.Tensor" (the schema name),
//   "aten::add" (every overload ingot maps, joined),
//   "aten::add.out", "aten::max.dim_max" (ExecuTorch's out-variants: the
//   functional overloads of that name, joined).
// An empty set: the op becomes no node (clone, zeros, sym_size). nullopt:
// ingot maps no such op or overload. A graph output that is an input, a
// constant or another output also needs `copy` (kOutputCopySource).
std::optional<CoreOpSet> core_ops_of(std::string_view op);

}  // namespace ingot::aten
