// A framework's op list -> the kernels a runtime for it must carry: each
// source op's declared core ops (the importers' core_ops_of), with what the
// passes may add (passes/pass_products.h), then every kernel the target has
// for those ops and dtypes: the portable kernel and each optimized variant.
// It is a superset: which variant a node gets depends on its shapes, which a
// list of op names does not have. `ingot ops` on the models is exact.
#include <fmt/format.h>

#include "compiler/kernel_variants.h"
#include "compiler/op_lists.h"
#include "compiler/source_op_list.h"
#include "compiler/target.h"
#include "importers/aten/aten_importer.h"
#include "importers/onnx/onnx_importer.h"
#include "passes/pass_products.h"

namespace ingot {
namespace {

// What a list restricts nothing to: f32 programs, with i64 for shape data
// and bool for masks.
const std::set<std::string> kDefaultDtypes = {"f32", "i64", "bool"};

Result<CoreOpSet> core_ops_of(const SourceOpList& list, const SourceOp& op) {
  std::optional<CoreOpSet> ops =
      list.framework == "onnx" ? onnx_import::core_ops_of(op.domain, op.name) : aten::core_ops_of(op.name);
  if (!ops) {
    return Status::invalid(fmt::format("{}: ingot does not know the {} op '{}{}'", op.origin,
                                       list.framework == "onnx" ? "ONNX" : "ATen",
                                       list.framework == "onnx" ? op.domain + ":" : "", op.name));
  }
  return *ops;
}

}  // namespace

Result<OpSet> kernels_for_source_ops(const SourceOpList& list, const std::string& target_name) {
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> target, Target::named(target_name));
  OpSet set;
  set.target = target->name();
  std::map<OpKind, std::set<std::string>> dtypes_of;  // core op -> dtypes its source ops allow
  CoreOpSet all;
  for (const SourceOp& op : list.ops) {
    INGOT_ASSIGN_OR_RETURN(CoreOpSet ops, core_ops_of(list, op));
    const std::set<std::string>& dtypes = !op.dtypes.empty() ? op.dtypes : !list.dtypes.empty() ? list.dtypes : kDefaultDtypes;
    for (OpKind core : ops.ops()) dtypes_of[core].insert(dtypes.begin(), dtypes.end());
    all |= ops;
    set.dtypes.insert(dtypes.begin(), dtypes.end());
  }
  if (list.include_all) all = CoreOpSet::every();
  const CoreOpSet needed = ops_after_passes(all);
  std::set<std::string> kinds;  // "conv.depthwise.f32": its best ISA only, as kernel selection takes it
  for (OpKind op : needed.ops()) {
    const std::set<std::string>& dtypes = dtypes_of.count(op) ? dtypes_of[op] : set.dtypes;
    set.kernels[std::string(op_name(op)) + ".portable"].dtypes = dtypes;
    for (const KernelVariant& variant : optimized_variants()) {
      const std::string dtype(dtype_name(variant.dtype));
      if (variant.op != op || !isa_covers(target->isa(), variant.isa) || !dtypes.count(dtype)) continue;
      if (!kinds.insert(fmt::format("{}.{}.{}", op_name(op), variant.variant, dtype)).second) continue;
      set.kernels[variant.name].dtypes = {dtype};
    }
  }
  return set;
}

}  // namespace ingot
