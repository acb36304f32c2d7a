// PLACEHOLDER: to be written.
#include "ir/ops/families.h"
#include "ir/ops/shape_util.h"

namespace ingot::ops {

std::vector<OpInfo> reduce_ops() { return {}; }

}  // namespace ingot::ops
