// lower-qdq: a float op between dequantize and quantize nodes with constant
// parameters becomes the integer op that computes the same thing:
//
//   quantize(conv(dequantize(x), dequantize(w), bias) [-> relu | clip])   -> qconv
//   quantize(matmul(dequantize(a), dequantize(b)) [-> ...])               -> qmatmul
//   quantize(gemm(dequantize(a), dequantize(b), c) [-> ...])              -> qmatmul
//   quantize(add(dequantize(a), dequantize(b)) [-> ...])                  -> qadd
//   quantize(avg_pool | global_avg_pool (dequantize(x)) [-> ...])          -> qavg_pool
//   quantize(concat(dequantize(a), dequantize(b), ...))                    -> concat of a, b, ...,
//                                                                            when all share y's parameters
//   quantize(max_pool | reshape | transpose ... (dequantize(x)))          -> the op on x itself,
//                                                                            when both sides share parameters
//   quantize(dequantize(x)) with the same parameters                     -> x
//
// That is how ONNX QDQ models arrive, how the importer writes QLinearConv and
// QLinearMatMul (importers/onnx/map_linalg.cc), and what static PTQ will
// insert. Activations must be per tensor; weights per tensor or per output
// channel. The real multipliers (x_scale * w_scale / y_scale) become fixed
// point (fixed_point.h); a bias is taken as the i32 the model holds when its
// scale is x_scale * w_scale, else rounded to that scale. Anything else stays
// in float, which is still exact to the model's definition.
#include "passes/lower_qdq.h"

#include <cmath>
#include <limits>

#include "passes/fixed_point.h"
#include "passes/fold_constants.h"
#include "passes/qdq_patterns.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

using Uses = std::unordered_map<const Value*, int>;

// The integer range an activation between the op and the quantize allows:
// relu clamps at the real 0 (the zero point), clip at its bounds; rounding
// is monotonic, so clamping after quantizing gives the same values.
struct Clamp {
  int64_t lo, hi;
};

Clamp full_range(DType dtype) { return dtype == DType::u8 ? Clamp{0, 255} : Clamp{-128, 127}; }

std::optional<Clamp> activation_clamp(const Node* act, const TensorQuant& y) {
  Clamp c = full_range(y.dtype);
  if (act == nullptr) return c;
  auto at = [&](double real) {
    const double q = std::nearbyint(real / y.scale) + static_cast<double>(y.zero_point);
    return static_cast<int64_t>(std::fmin(std::fmax(q, -1e9), 1e9));
  };
  if (act->op() == OpKind::relu) {
    c.lo = std::max(c.lo, y.zero_point);
  } else if (act->op() == OpKind::clip) {
    c.lo = std::max(c.lo, at(act->attr_f("min")));
    c.hi = std::min(c.hi, at(act->attr_f("max")));
  } else {
    return std::nullopt;
  }
  if (c.lo > c.hi) return std::nullopt;
  return c;
}

// The attributes every requantizing integer op carries.
Result<bool> set_requantization(AttrMap& attrs, const std::vector<double>& reals, const TensorQuant& y, const Clamp& clamp) {
  std::vector<int64_t> multipliers, shifts;
  for (double real : reals) {
    Result<FixedPointMultiplier> m = fixed_point_multiplier(real);
    if (!m.ok()) return false;  // an absurd scale ratio: leave the node in float
    multipliers.push_back(m->multiplier);
    shifts.push_back(m->shift);
  }
  attrs["multiplier"] = multipliers;
  attrs["shift"] = shifts;
  attrs["y_zero_point"] = y.zero_point;
  attrs["y_dtype"] = std::string(dtype_name(y.dtype));
  const Clamp full = full_range(y.dtype);
  if (clamp.lo != full.lo) attrs["y_min"] = clamp.lo;
  if (clamp.hi != full.hi) attrs["y_max"] = clamp.hi;
  return true;
}

// The bias in i32 at scales acc_scales[c] (one per channel, or one), from an
// i32 dequantize or a float constant; nullopt when it is neither or overflows.
std::optional<std::vector<double>> integer_bias(const Value* bias, const std::vector<double>& acc_scales, int64_t channels) {
  std::vector<double> real;
  std::optional<Dequantized> dq = dequantized(bias, true);
  std::optional<std::vector<double>> ints;
  if (dq && dq->q->type().dtype == DType::i32) {
    ints = constant_values(dq->q);
    if (!ints) return std::nullopt;
    for (size_t i = 0; i < ints->size(); ++i) {
      const size_t p = dq->per_tensor() ? 0 : i;
      real.push_back(((*ints)[i] - static_cast<double>(dq->zero_points[p])) * dq->scales[p]);
    }
  } else if (std::optional<std::vector<double>> values = constant_values(bias); values && is_float(bias->type().dtype)) {
    real = *values;
  } else {
    return std::nullopt;
  }
  if (real.size() == 1) real.assign(static_cast<size_t>(channels), real[0]);
  if (static_cast<int64_t>(real.size()) != channels) return std::nullopt;
  std::vector<double> out(real.size());
  for (size_t c = 0; c < real.size(); ++c) {
    const double scale = acc_scales[acc_scales.size() == 1 ? 0 : c];
    // The model's own integers when its bias scale is the accumulator's.
    const bool same_scale = ints && dq->zero_points[dq->per_tensor() ? 0 : c] == 0 &&
                            std::fabs(dq->scales[dq->per_tensor() ? 0 : c] - scale) <= 1e-6 * scale;
    out[c] = same_scale ? (*ints)[ints->size() == 1 ? 0 : c] : std::nearbyint(real[c] / scale);
    if (std::fabs(out[c]) > std::numeric_limits<int32_t>::max()) return std::nullopt;
  }
  return out;
}

// What a rule needs: the op, the optional activation, the quantize and its parameters.
struct Match {
  Node* op;
  const Node* activation;  // relu / clip between op and quantize, or null
  Node* quantize;
  TensorQuant y;
  Clamp clamp;
};

// Weights: a per-tensor or per-`axis` dequantize of a constant; its
// multipliers' reals are x_scale * w_scale[c] / y_scale.
std::optional<Dequantized> constant_weights(const Value* w, int64_t axis) {
  std::optional<Dequantized> dq = dequantized(w);
  if (!dq || !dq->q->is_constant() || (!dq->per_tensor() && dq->axis != axis)) return std::nullopt;
  return dq;
}

std::vector<double> products(double x_scale, const std::vector<double>& w_scales, double divisor) {
  std::vector<double> out;
  for (double s : w_scales) out.push_back(x_scale * s / divisor);
  return out;
}

Result<Value*> lower_conv(Graph& graph, const Match& m) {
  std::optional<Dequantized> x = dequantized(m.op->input(0));
  std::optional<Dequantized> w = constant_weights(m.op->input(1), 0);
  if (!x || !x->per_tensor() || !w || m.op->has_attr("activation")) return nullptr;
  const int64_t channels = w->q->type().shape[0];
  const std::vector<double> acc_scales = products(x->scales[0], w->scales, 1.0);
  AttrMap attrs;
  for (const char* name : {"strides", "pads", "dilations", "group"}) attrs[name] = m.op->attrs().at(name);
  attrs["x_zero_point"] = x->zero_points[0];
  attrs["w_zero_point"] = w->zero_points;
  INGOT_ASSIGN_OR_RETURN(bool ok, set_requantization(attrs, products(x->scales[0], w->scales, m.y.scale), m.y, m.clamp));
  if (!ok) return nullptr;
  std::vector<Value*> inputs{x->q, w->q};
  if (const Value* bias = m.op->input(2)) {
    std::optional<std::vector<double>> ints = integer_bias(bias, acc_scales, channels);
    if (!ints) return nullptr;
    inputs.push_back(add_constant_values(graph, m.op->output(0)->name() + "_bias_i32", DType::i32, {channels}, *ints));
  }
  return emit_before(graph, *m.quantize, OpKind::qconv, std::move(inputs), std::move(attrs));
}

// matmul and gemm (alpha folded into the multipliers, beta into the bias,
// a transposed b transposed here: it is a constant).
Result<Value*> lower_product(Graph& graph, const Match& m) {
  const bool gemm = m.op->op() == OpKind::gemm;
  std::optional<Dequantized> a = dequantized(m.op->input(0));
  std::optional<Dequantized> b = dequantized(m.op->input(1));
  if (!a || !a->per_tensor() || !b || m.op->has_attr("activation")) return nullptr;
  const Shape& b_shape = b->q->type().shape;
  if (a->q->type().rank() < 2 || b_shape.size() < 2) return nullptr;
  const bool trans_b = gemm && m.op->attr_i("trans_b") == 1;
  if (gemm && (m.op->attr_i("trans_a") != 0 || (trans_b && !b->q->is_constant()))) return nullptr;
  // Per column: the scales run along b's last axis (its first when transposed).
  const int64_t column_axis = trans_b ? 0 : static_cast<int64_t>(b_shape.size()) - 1;
  if (!b->per_tensor() && b->axis != column_axis) return nullptr;
  const int64_t n = b_shape[static_cast<size_t>(column_axis)];
  Value* bq = b->q;
  if (trans_b) {
    std::optional<std::vector<double>> values = constant_values(bq);
    if (!values) return nullptr;
    std::vector<double> t(values->size());
    const int64_t k = b_shape[1];
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j) t[static_cast<size_t>(j * n + i)] = (*values)[static_cast<size_t>(i * k + j)];
    bq = add_constant_values(graph, bq->name() + "_t", bq->type().dtype, {k, n}, t);
  }
  const double alpha = gemm ? m.op->attr_f("alpha", 1.0) : 1.0;
  if (!(alpha > 0)) return nullptr;
  AttrMap attrs;
  attrs["a_zero_point"] = a->zero_points[0];
  attrs["b_zero_point"] = b->zero_points;
  INGOT_ASSIGN_OR_RETURN(bool ok, set_requantization(attrs, products(a->scales[0] * alpha, b->scales, m.y.scale), m.y, m.clamp));
  if (!ok) return nullptr;
  std::vector<Value*> inputs{a->q, bq};
  if (const Value* c = m.op->input(2)) {
    const double beta = m.op->attr_f("beta", 1.0);
    const Shape& shape = c->type().shape;
    if (num_elements(shape) != 1 && num_elements(shape) != n) return nullptr;
    if (num_elements(shape) == n && !shape.empty() && shape.back() != n) return nullptr;  // a column, not a row
    if (beta == 0) {
      // c does not count.
    } else {
      std::optional<std::vector<double>> ints = integer_bias(c, products(a->scales[0] * alpha / beta, b->scales, 1.0), n);
      if (!ints) return nullptr;
      inputs.push_back(add_constant_values(graph, m.op->output(0)->name() + "_bias_i32", DType::i32, {n}, *ints));
    }
  }
  return emit_before(graph, *m.quantize, OpKind::qmatmul, std::move(inputs), std::move(attrs));
}

// TFLite's add: both operands to twice the larger scale after a 2^20 shift.
Result<Value*> lower_add(Graph& graph, const Match& m) {
  std::optional<Dequantized> a = dequantized(m.op->input(0));
  std::optional<Dequantized> b = dequantized(m.op->input(1));
  if (!a || !b || !a->per_tensor() || !b->per_tensor() || m.op->has_attr("activation")) return nullptr;
  const double twice_max = 2 * std::max(a->scales[0], b->scales[0]);
  Result<FixedPointMultiplier> ma = fixed_point_multiplier(a->scales[0] / twice_max);
  Result<FixedPointMultiplier> mb = fixed_point_multiplier(b->scales[0] / twice_max);
  if (!ma.ok() || !mb.ok()) return nullptr;
  AttrMap attrs;
  attrs["a_zero_point"] = a->zero_points[0];
  attrs["b_zero_point"] = b->zero_points[0];
  attrs["a_multiplier"] = std::vector<int64_t>{ma->multiplier};
  attrs["a_shift"] = std::vector<int64_t>{ma->shift};
  attrs["b_multiplier"] = std::vector<int64_t>{mb->multiplier};
  attrs["b_shift"] = std::vector<int64_t>{mb->shift};
  INGOT_ASSIGN_OR_RETURN(bool ok, set_requantization(attrs, {twice_max / ((1 << 20) * m.y.scale)}, m.y, m.clamp));
  if (!ok) return nullptr;
  return emit_before(graph, *m.quantize, OpKind::qadd, {a->q, b->q}, std::move(attrs));
}

// avg_pool, and global_avg_pool as one window over all spatial dims. y
// keeps x's dtype; the multiplier is x_scale / (2^8 * y_scale) (qavg_pool's
// mean carries 8 fractional bits).
Result<Value*> lower_avg_pool(Graph& graph, const Match& m) {
  std::optional<Dequantized> x = dequantized(m.op->input(0));
  if (!x || !x->per_tensor() || x->q->type().dtype != m.y.dtype) return nullptr;
  AttrMap attrs;
  if (m.op->op() == OpKind::avg_pool) {
    for (const char* name : {"kernel_shape", "strides", "pads", "dilations", "ceil_mode", "count_include_pad"}) {
      attrs[name] = m.op->attrs().at(name);
    }
  } else {
    const Shape& shape = x->q->type().shape;
    const size_t spatial = shape.size() - 2;
    attrs["kernel_shape"] = std::vector<int64_t>(shape.begin() + 2, shape.end());
    attrs["strides"] = std::vector<int64_t>(spatial, 1);
    attrs["pads"] = std::vector<int64_t>(2 * spatial, 0);
    attrs["dilations"] = std::vector<int64_t>(spatial, 1);
    attrs["ceil_mode"] = int64_t{0};
    attrs["count_include_pad"] = int64_t{0};
  }
  attrs["x_zero_point"] = x->zero_points[0];
  INGOT_ASSIGN_OR_RETURN(bool ok, set_requantization(attrs, {x->scales[0] / (256.0 * m.y.scale)}, m.y, m.clamp));
  if (!ok) return nullptr;
  return emit_before(graph, *m.quantize, OpKind::qavg_pool, {x->q}, std::move(attrs));
}

// A concat whose operands all share y's parameters joins their integers.
Result<Value*> lower_concat(Graph& graph, const Match& m) {
  if (m.activation != nullptr) return nullptr;
  std::vector<Value*> inputs;
  for (Value* input : m.op->inputs()) {
    std::optional<Dequantized> x = dequantized(input);
    if (!x || !x->per_tensor() || !(x->tensor_quant() == m.y)) return nullptr;
    inputs.push_back(x->q);
  }
  return emit_before(graph, *m.quantize, OpKind::concat, std::move(inputs), m.op->attrs());
}

// Ops that only move or select values: on the integers directly when the
// dequantize and the quantize around them agree.
bool moves_values(const Node& op) {
  switch (op.op()) {
    case OpKind::max_pool: return op.outputs().size() == 1;
    case OpKind::global_max_pool:
    case OpKind::reshape:
    case OpKind::transpose:
    case OpKind::depth_to_space:
    case OpKind::space_to_depth:
    case OpKind::copy: return true;
    default: return false;
  }
}

Result<Value*> lower_move(Graph& graph, const Match& m) {
  std::optional<Dequantized> x = dequantized(m.op->input(0));
  if (!x || !x->per_tensor() || !(x->tensor_quant() == m.y) || m.activation != nullptr) return nullptr;
  std::vector<Value*> inputs = m.op->inputs();
  inputs[0] = x->q;
  return emit_before(graph, *m.quantize, m.op->op(), std::move(inputs), m.op->attrs());
}

// The op (and activation) a quantize node ends, when only that quantize reads them.
std::optional<Match> match(Node& quantize, const Uses& uses) {
  std::optional<TensorQuant> y = quantize_params(quantize);
  if (!y) return std::nullopt;
  Value* v = quantize.input(0);
  Node* producer = v->producer();
  if (producer == nullptr || uses.at(v) != 1 || producer->outputs().size() != 1) return std::nullopt;
  const Node* activation = nullptr;
  if (producer->op() == OpKind::relu || producer->op() == OpKind::clip) {
    activation = producer;
    Value* inner = producer->input(0);
    producer = inner->producer();
    if (producer == nullptr || uses.at(inner) != 1 || producer->outputs().size() != 1) return std::nullopt;
  }
  std::optional<Clamp> clamp = activation_clamp(activation, *y);
  if (!clamp) return std::nullopt;
  return Match{producer, activation, &quantize, *y, *clamp};
}

Result<Value*> lower(Graph& graph, const Match& m) {
  switch (m.op->op()) {
    case OpKind::conv: return lower_conv(graph, m);
    case OpKind::matmul:
    case OpKind::gemm: return lower_product(graph, m);
    case OpKind::add: return lower_add(graph, m);
    case OpKind::avg_pool:
    case OpKind::global_avg_pool: return lower_avg_pool(graph, m);
    case OpKind::concat: return lower_concat(graph, m);
    default: return moves_values(*m.op) ? lower_move(graph, m) : Result<Value*>(nullptr);
  }
}

Status lower_qdq(Graph& graph, PassContext& context) {
  Uses uses = count_uses(graph);
  for (Node* node : graph.nodes()) {
    if (node->op() != OpKind::quantize) continue;
    // quantize(dequantize(x)) with the same parameters is x.
    std::optional<TensorQuant> y = quantize_params(*node);
    std::optional<Dequantized> x = dequantized(node->input(0));
    if (y && x && x->per_tensor() && x->tensor_quant() == *y && forward_output(graph, *node, x->q)) {
      context.count("quantize(dequantize(x)) pairs removed");
      continue;
    }
    std::optional<Match> m = match(*node, uses);
    if (!m) continue;
    INGOT_ASSIGN_OR_RETURN(Value* lowered, lower(graph, *m));
    if (lowered == nullptr) continue;
    graph.replace_all_uses(node->output(0), lowered);
    context.count(std::string(op_name(lowered->producer()->op())) + " from quantize/dequantize");
    uses = count_uses(graph);
  }
  erase_dead_nodes(graph);
  // What stayed in float reads its weights as floats, folded once here.
  if (context.evaluate) {
    INGOT_ASSIGN_OR_RETURN(int64_t folded, fold_constants(graph, context.evaluate, FoldDequantize::yes));
    context.count("dequantized constants folded", folded);
    erase_dead_nodes(graph);
  }
  return {};
}

}  // namespace

CoreOpSet lower_qdq_products(const CoreOpSet& ops) {
  CoreOpSet products;
  if (!ops.contains(OpKind::quantize) || !ops.contains(OpKind::dequantize)) return products;
  if (ops.contains(OpKind::conv)) products.insert(OpKind::qconv);
  if (ops.contains(OpKind::matmul) || ops.contains(OpKind::gemm)) products.insert(OpKind::qmatmul);
  if (ops.contains(OpKind::add)) products.insert(OpKind::qadd);
  if (ops.contains(OpKind::avg_pool) || ops.contains(OpKind::global_avg_pool)) products.insert(OpKind::qavg_pool);
  return products;
}

Pass lower_qdq_pass() {
  return {"lower-qdq", "quantize(op(dequantize...)) with constant parameters into integer ops (qconv, qmatmul, qadd, qavg_pool)",
          lower_qdq};
}

}  // namespace ingot
