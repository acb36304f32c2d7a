#include "passes/transpose_constant_weights.h"

#include <cstring>

#include "passes/rewrite.h"

namespace ingot {

int64_t transpose_constant_weights(Graph& graph) {
  int64_t transposed = 0;
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  for (Node* node : graph.nodes()) {
    if (node->op() != OpKind::gemm || node->attr_i("trans_b") != 1) continue;
    const Value* b = node->input(1);
    if (!b->is_constant() || b->type().quant || uses.at(b) != 1) continue;
    const int64_t rows = b->type().shape[0], cols = b->type().shape[1];
    const size_t element = dtype_size(b->type().dtype);
    auto bytes = std::make_shared<std::vector<uint8_t>>(b->constant()->size());
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        std::memcpy(bytes->data() + (c * rows + r) * element, b->constant()->data() + (r * cols + c) * element, element);
      }
    }
    node->set_input(1, graph.add_constant(b->name() + "_t", TensorType{b->type().dtype, {cols, rows}}, std::move(bytes)));
    node->mutable_attrs()["trans_b"] = int64_t{0};
    ++transposed;
  }
  return transposed;
}

}  // namespace ingot
