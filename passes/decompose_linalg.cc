// gemm written as matmul: transposes made explicit (they fold away when the
// operand is a constant weight), alpha and beta as multiplies, c as an add.
#include "passes/decompositions.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

Result<Value*> transposed(Graph& g, const Node& node, Value* matrix, bool transpose) {
  if (!transpose) return matrix;
  return emit_before(g, node, OpKind::transpose, {matrix}, {{"perm", std::vector<int64_t>{1, 0}}});
}

Result<Value*> scaled(Graph& g, const Node& node, Value* value, double factor) {
  if (factor == 1.0) return value;
  return emit_before(g, node, OpKind::mul, {value, scalar_like_result(g, node, factor)});
}

// gemm = alpha * op(a) @ op(b) + beta * c. A gemm carrying a fused
// activation is left alone (fuse runs later, so none does yet).
Replacement decompose_gemm(Graph& g, const Node& node) {
  if (node.has_attr("activation")) return std::optional<std::vector<Value*>>{};
  INGOT_ASSIGN_OR_RETURN(Value * a, transposed(g, node, node.input(0), node.attr_i("trans_a") == 1));
  INGOT_ASSIGN_OR_RETURN(Value * b, transposed(g, node, node.input(1), node.attr_i("trans_b") == 1));
  INGOT_ASSIGN_OR_RETURN(Value * product, emit_before(g, node, OpKind::matmul, {a, b}));
  INGOT_ASSIGN_OR_RETURN(Value * y, scaled(g, node, product, node.attr_f("alpha", 1.0)));
  if (Value* c = node.input(2)) {
    INGOT_ASSIGN_OR_RETURN(Value * bias, scaled(g, node, c, node.attr_f("beta", 1.0)));
    INGOT_ASSIGN_OR_RETURN(y, emit_before(g, node, OpKind::add, {y, bias}));
  }
  return std::optional<std::vector<Value*>>{{y}};
}

}  // namespace

std::vector<Decomposition> linalg_decompositions() {
  using enum OpKind;
  return {{OpKind::gemm, decompose_gemm, {transpose, mul, matmul, add}}};
}

}  // namespace ingot
