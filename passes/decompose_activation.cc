// Activations written with arithmetic and the basic unary ops.
#include <cmath>

#include "passes/decompositions.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

// gelu(x) = x * 0.5 * (1 + erf(x / sqrt(2)))  or, approximate = tanh,
//           x * 0.5 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3)))
Replacement decompose_gelu(Graph& g, const Node& node) {
  Value* x = node.input(0);
  Value* inner = nullptr;
  if (node.attr_s("approximate", "none") == "tanh") {
    INGOT_ASSIGN_OR_RETURN(Value * x2, emit_before(g, node, OpKind::mul, {x, x}));
    INGOT_ASSIGN_OR_RETURN(Value * x3, emit_before(g, node, OpKind::mul, {x2, x}));
    INGOT_ASSIGN_OR_RETURN(Value * cubic, emit_before(g, node, OpKind::mul, {x3, scalar_like_result(g, node, 0.044715)}));
    INGOT_ASSIGN_OR_RETURN(Value * sum, emit_before(g, node, OpKind::add, {x, cubic}));
    INGOT_ASSIGN_OR_RETURN(Value * scaled, emit_before(g, node, OpKind::mul, {sum, scalar_like_result(g, node, std::sqrt(2 / M_PI))}));
    INGOT_ASSIGN_OR_RETURN(inner, emit_before(g, node, OpKind::tanh, {scaled}));
  } else {
    INGOT_ASSIGN_OR_RETURN(Value * scaled, emit_before(g, node, OpKind::mul, {x, scalar_like_result(g, node, M_SQRT1_2)}));
    INGOT_ASSIGN_OR_RETURN(inner, emit_before(g, node, OpKind::erf, {scaled}));
  }
  INGOT_ASSIGN_OR_RETURN(Value * one_plus, emit_before(g, node, OpKind::add, {inner, scalar_like_result(g, node, 1.0)}));
  INGOT_ASSIGN_OR_RETURN(Value * half_x, emit_before(g, node, OpKind::mul, {x, scalar_like_result(g, node, 0.5)}));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::mul, {half_x, one_plus}));
  return std::optional<std::vector<Value*>>{{y}};
}

// hard_sigmoid(x) = clip(alpha * x + beta, 0, 1)
Result<Value*> hard_sigmoid_of(Graph& g, const Node& node, Value* x, double alpha, double beta) {
  INGOT_ASSIGN_OR_RETURN(Value * scaled, emit_before(g, node, OpKind::mul, {x, scalar_like_result(g, node, alpha)}));
  INGOT_ASSIGN_OR_RETURN(Value * shifted, emit_before(g, node, OpKind::add, {scaled, scalar_like_result(g, node, beta)}));
  return emit_before(g, node, OpKind::clip, {shifted}, {{"min", 0.0}, {"max", 1.0}});
}

Replacement decompose_hard_sigmoid(Graph& g, const Node& node) {
  INGOT_ASSIGN_OR_RETURN(Value * y, hard_sigmoid_of(g, node, node.input(0), node.attr_f("alpha"), node.attr_f("beta")));
  return std::optional<std::vector<Value*>>{{y}};
}

// hard_swish(x) = x * hard_sigmoid(x) with alpha = 1/6, beta = 1/2
Replacement decompose_hard_swish(Graph& g, const Node& node) {
  Value* x = node.input(0);
  INGOT_ASSIGN_OR_RETURN(Value * gate, hard_sigmoid_of(g, node, x, 1.0 / 6, 0.5));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::mul, {x, gate}));
  return std::optional<std::vector<Value*>>{{y}};
}

// softsign(x) = x / (1 + |x|)
Replacement decompose_softsign(Graph& g, const Node& node) {
  Value* x = node.input(0);
  INGOT_ASSIGN_OR_RETURN(Value * magnitude, emit_before(g, node, OpKind::abs, {x}));
  INGOT_ASSIGN_OR_RETURN(Value * denominator, emit_before(g, node, OpKind::add, {magnitude, scalar_like_result(g, node, 1.0)}));
  INGOT_ASSIGN_OR_RETURN(Value * y, emit_before(g, node, OpKind::div, {x, denominator}));
  return std::optional<std::vector<Value*>>{{y}};
}

}  // namespace

std::vector<Decomposition> activation_decompositions() {
  using enum OpKind;
  return {{gelu, decompose_gelu, {mul, add, tanh, erf}},
          {hard_sigmoid, decompose_hard_sigmoid, {mul, add, clip}},
          {hard_swish, decompose_hard_swish, {mul, add, clip}},
          {softsign, decompose_softsign, {abs, add, div}}};
}

}  // namespace ingot
