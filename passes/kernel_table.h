// Which kernels a target has, as passes see it. decompose lowers a composite
// only where that moves work onto optimized kernels; fuse forms a fused node
// only where a kernel implements it. The compiler's Target implements this.
#pragma once

#include <string>

#include "ir/attribute.h"
#include "ir/dtype.h"
#include "ir/graph.h"
#include "ir/op_kind.h"

namespace ingot {

enum class KernelSupport {
  none,       // no kernel: the node must be rewritten or the compile fails
  reference,  // only the portable reference kernel
  optimized,  // a kernel specialised for the target's ISA
};

// The kernel a node runs on, and why it is not an optimized one: the record
// behind the fallback report.
struct KernelChoice {
  std::string kernel;           // "conv.portable", "add.f32.avx2"
  bool optimized = false;
  std::string fallback_reason;  // empty when optimized or on the portable target
};

class KernelTable {
 public:
  virtual ~KernelTable() = default;
  // The best kernel for `op` with these attributes on `dtype` (the dtype of
  // the node's first output), as far as attributes tell: for nodes not built
  // yet (fuse asks about a fused form).
  virtual KernelSupport support(OpKind op, const AttrMap& attrs, DType dtype) const = 0;
  // The best kernel for this node, operand shapes included.
  virtual KernelSupport support(const Node& node) const {
    return support(node.op(), node.attrs(), node.outputs().empty() ? DType::f32 : node.output(0)->type().dtype);
  }
  // Why no optimized kernel takes this node whatever the order of its
  // weights ("" when one does): fuse asks before forming a node whose op
  // has only packed kernels (expand_depthwise), the packing coming later.
  virtual std::string unfit_any_layout(const Node& node) const {
    (void)node;
    return "no optimized kernels";
  }
  // When the kernel this node gets reads its weights (input 1, a constant)
  // packed by the compiler: the packing, the node's `packed` attribute
  // (runtime-stub/kernels/simd/pack_f32.h: "mr6" row panels of conv weights,
  // "nr32" column panels of matmul and gemm weights); else "".
  virtual std::string packing(const Node& node) const {
    (void)node;
    return "";
  }
};

}  // namespace ingot
