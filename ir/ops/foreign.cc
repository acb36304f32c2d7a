// The placeholder for a foreign op that the importer could not map.
#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {

std::vector<OpInfo> foreign_ops() {
  return {
      {OpKind::unmapped,
       {{"inputs", /*optional=*/true, /*variadic=*/true}},
       {{"source_op", AttrType::str, true}, {"reason", AttrType::str, true}},
       -1,
       declared_outputs,
       "a source-model op ingot cannot map; kept for inspection, rejected by the compiler"},
  };
}

}  // namespace ingot::ops
