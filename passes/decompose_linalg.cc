// gemm written as matmul: transposes made explicit (they fold away when the
// operand is a constant weight), alpha and beta as multiplies, c as an add.
#include "passes/decompositions.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

using Replacement = Result<std::optional<std::vector<Value*>>>;

Result<Value*> transposed(Graph& g, const Node& node, Value* matrix, bool transpose) {
  if (!transpose) return matrix;
  return emit_before(g, node, OpKind::transpose, {matrix}, {{"perm", std::vector<int64_t>{1, 0}}});
}

Result<Value*> scaled(Graph& g, const Node& node, Value* value, double factor) {
  if (factor == 1.0) return value;
  Value* constant = add_constant_values(g, node.output(0)->name() + "_c", value->type().dtype, {}, {factor});
  return emit_before(g, node, OpKind::mul, {value, constant});
}

// gemm = alpha * op(a) @ op(b) + beta * c, then its fused activation stays
// on the last node (matmul or add) only if that node can carry it; a gemm
// with a fused activation is not decomposed.
Replacement gemm(Graph& g, const Node& node) {
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

std::vector<Decomposition> linalg_decompositions() { return {{OpKind::gemm, gemm}}; }

}  // namespace ingot
