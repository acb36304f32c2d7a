#include "compiler/quantize_dynamic.h"

#include <limits>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "compiler/quantize_static.h"
#include "compiler/weight_quantization.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

// matmul(x, w) with x a float activation of rank 2 or more and w a constant
// f32 matrix [K, N]: the products worth quantizing.
bool has_constant_weights(const Node& node) {
  if (node.op() != OpKind::matmul || node.outputs().size() != 1 || node.inputs().size() != 2) return false;
  const Value* x = node.input(0);
  const Value* w = node.input(1);
  return x->type().dtype == DType::f32 && !x->is_constant() && x->type().rank() >= 2 && w->type().dtype == DType::f32 &&
         w->is_constant() && w->type().rank() == 2;
}

// An activation quantized on every call, shared by all the products that read it.
struct DynamicActivation {
  Value* q;           // u8, x's shape
  Value* scale;       // f32 scalar
  Value* zero_point;  // i32 scalar
};

// ONNX DynamicQuantizeLinear's arithmetic, with the scale kept above zero so
// that an all-zero x quantizes to its zero point instead of dividing by 0.
Result<DynamicActivation> quantize_activation(Graph& graph, const Node& anchor, Value* x) {
  std::vector<int64_t> all_axes(static_cast<size_t>(x->type().rank()));
  std::iota(all_axes.begin(), all_axes.end(), 0);
  const AttrMap reduce_all{{"axes", all_axes}, {"keepdims", int64_t{0}}};
  const std::string name = x->name();
  auto scalar = [&](const char* what, double value) {
    return add_constant_values(graph, fmt::format("{}_{}", name, what), DType::f32, {}, {value});
  };
  Value* zero = scalar("zero", 0.0);
  INGOT_ASSIGN_OR_RETURN(Value* x_min, emit_before(graph, anchor, OpKind::reduce_min, {x}, reduce_all));
  INGOT_ASSIGN_OR_RETURN(Value* x_max, emit_before(graph, anchor, OpKind::reduce_max, {x}, reduce_all));
  INGOT_ASSIGN_OR_RETURN(Value* lo, emit_before(graph, anchor, OpKind::min, {x_min, zero}));
  INGOT_ASSIGN_OR_RETURN(Value* hi, emit_before(graph, anchor, OpKind::max, {x_max, zero}));
  INGOT_ASSIGN_OR_RETURN(Value* range, emit_before(graph, anchor, OpKind::sub, {hi, lo}));
  INGOT_ASSIGN_OR_RETURN(Value* scale, emit_before(graph, anchor, OpKind::div, {range, scalar("levels", 255.0)}));
  INGOT_ASSIGN_OR_RETURN(scale, emit_before(graph, anchor, OpKind::max,
                                            {scale, scalar("smallest_scale", std::numeric_limits<float>::min())}));
  INGOT_ASSIGN_OR_RETURN(Value* lo_scaled, emit_before(graph, anchor, OpKind::div, {lo, scale}));
  INGOT_ASSIGN_OR_RETURN(Value* zp, emit_before(graph, anchor, OpKind::sub, {zero, lo_scaled}));
  INGOT_ASSIGN_OR_RETURN(zp, emit_before(graph, anchor, OpKind::clip, {zp}, {{"min", 0.0}, {"max", 255.0}}));
  INGOT_ASSIGN_OR_RETURN(zp, emit_before(graph, anchor, OpKind::round, {zp}));
  INGOT_ASSIGN_OR_RETURN(Value* zp_u8, emit_before(graph, anchor, OpKind::cast, {zp}, {{"to", std::string("u8")}}));
  INGOT_ASSIGN_OR_RETURN(Value* q, emit_before(graph, anchor, OpKind::quantize, {x, scale, zp_u8}, {{"axis", int64_t{0}}}));
  INGOT_ASSIGN_OR_RETURN(Value* zp_i32, emit_before(graph, anchor, OpKind::cast, {zp_u8}, {{"to", std::string("i32")}}));
  return DynamicActivation{q, scale, zp_i32};
}

// The integer product of `node` (matmul(x, w)) and its float result.
Result<Value*> quantize_product(Graph& graph, const Node& node, const DynamicActivation& x) {
  const Value* w = node.input(1);
  const int64_t k = w->type().shape[0], n = w->type().shape[1];
  const SymmetricWeights wq = symmetric_per_channel(*constant_values(w), w->type().shape, 1);
  std::vector<double> negated_column_sums(static_cast<size_t>(n), 0.0);
  for (int64_t row = 0; row < k; ++row) {
    for (int64_t col = 0; col < n; ++col) negated_column_sums[static_cast<size_t>(col)] -= wq.values[static_cast<size_t>(row * n + col)];
  }
  Value* w_i8 = add_constant_values(graph, w->name() + "_i8", DType::i8, {k, n}, wq.values);
  Value* w_scale = add_constant_values(graph, w->name() + "_scale", DType::f32, {n}, wq.scales);
  Value* w_sums = add_constant_values(graph, w->name() + "_negated_column_sums", DType::i32, {n}, negated_column_sums);
  // -zp * colsum(w) goes in as qmatmul's i32 bias: the product's sums start
  // from it (the same i32 arithmetic as subtracting it after, modulo 2^32,
  // without a pass over the whole product).
  INGOT_ASSIGN_OR_RETURN(Value* offset, emit_before(graph, node, OpKind::mul, {x.zero_point, w_sums}));
  const AttrMap raw_product{{"a_zero_point", int64_t{0}}, {"b_zero_point", std::vector<int64_t>{0}},
                            {"y_dtype", std::string("i32")}};
  INGOT_ASSIGN_OR_RETURN(Value* acc, emit_before(graph, node, OpKind::qmatmul, {x.q, w_i8, offset}, raw_product));
  INGOT_ASSIGN_OR_RETURN(Value* scales, emit_before(graph, node, OpKind::mul, {x.scale, w_scale}));
  const int64_t last_axis = acc->type().rank() - 1;
  return emit_before(graph, node, OpKind::dequantize, {acc, scales}, {{"axis", last_axis}});
}

Status quantize_dynamic(Graph& graph, PassContext& context, const std::set<std::string>& keep_float,
                        nlohmann::ordered_json* report) {
  std::map<const Value*, DynamicActivation> activations;
  nlohmann::ordered_json layers = nlohmann::ordered_json::array(), kept = nlohmann::ordered_json::array();
  for (Node* node : graph.nodes()) {
    if (!has_constant_weights(*node)) continue;
    if (keep_float.contains(node->name())) {
      kept.push_back({{"node", node->name()}, {"op", "matmul"}, {"reason", "--keep-float"}});
      continue;
    }
    Value* x = node->input(0);
    if (!activations.contains(x)) {
      INGOT_ASSIGN_OR_RETURN(activations[x], quantize_activation(graph, *node, x));
    }
    INGOT_ASSIGN_OR_RETURN(Value* y, quantize_product(graph, *node, activations.at(x)));
    graph.replace_all_uses(node->output(0), y);
    const int64_t weights = num_elements(node->input(1)->type().shape);
    layers.push_back({{"node", node->name()}, {"op", "matmul"}, {"weight_bytes_f32", 4 * weights}, {"weight_bytes_i8", weights}});
    context.count("matmul quantized to int8 (dynamic)");
  }
  erase_dead_nodes(graph);
  (*report)["mode"] = "int8-dynamic";
  (*report)["layers"] = layers;
  (*report)["kept_float"] = kept;
  return {};
}

}  // namespace

Pass dynamic_quantization_pass(std::vector<std::string> keep_float, nlohmann::ordered_json* report) {
  return {"quantize-dynamic",
          "matmul with constant weights into an integer product: i8 weights per column, the activation quantized "
          "per call (--quantize int8-dynamic)",
          [keep_float = std::move(keep_float), report](Graph& graph, PassContext& context) -> Status {
            INGOT_RETURN_IF_ERROR(check_keep_float(graph, keep_float));
            return quantize_dynamic(graph, context, {keep_float.begin(), keep_float.end()}, report);
          }};
}

}  // namespace ingot
