#include "passes/pass_products.h"

#include "passes/decompositions.h"
#include "passes/fuse_silu.h"
#include "passes/lower_qdq.h"

namespace ingot {

CoreOpSet ops_after_passes(const CoreOpSet& ops) {
  CoreOpSet all = ops;
  all.insert(OpKind::copy);
  for (bool grew = true; grew;) {
    const CoreOpSet before = all;
    for (const Decomposition& rule : decompositions()) {
      if (all.contains(rule.op)) all |= rule.emits;
    }
    if (silu_operands().is_subset_of(all)) all.insert(OpKind::silu);
    all |= lower_qdq_products(all);
    grew = !(all == before);
  }
  return all;
}

}  // namespace ingot
