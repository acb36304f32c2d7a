// ONNX recurrent layers: RNN, GRU and LSTM (opsets 1-14).
//
// The sequence length is static, so a layer is unrolled into core ops: one
// gemm projects every time step's input at once (X @ W^T + bias), then each
// step adds the recurrent product (H @ R^T) and applies the gate equations of
// the ONNX operator spec, gate by gate (LSTM iofc, GRU zrh). Directions run
// one after the other; their outputs are joined into Y, Y_h and Y_c.
//
// sequence_lens that are all the sequence length are ignored; other lengths
// (or lengths known only at run time) mask each step as onnxruntime does: a
// batch entry past its length keeps its state and gets zeros in Y, so a
// reverse direction starts at its entry's last step.
//
// Not mapped: activation functions other than Sigmoid, Tanh and Relu, clip,
// and LSTM's input_forget.
#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "ir/verifier.h"

namespace ingot::onnx_import {
namespace {

enum class Cell { rnn, gru, lstm };

int64_t gate_count(Cell cell) { return cell == Cell::rnn ? 1 : cell == Cell::gru ? 3 : 4; }
size_t activation_count(Cell cell) { return cell == Cell::rnn ? 1 : cell == Cell::gru ? 2 : 3; }

// Unrolling is linear in steps; far longer sequences want a loop, not this.
constexpr int64_t kMaxSteps = 4096;

// What the node's operands and attributes say, checked.
struct Layer {
  Cell cell = Cell::rnn;
  int64_t seq = 0, batch = 0, input = 0, hidden = 0, directions = 1;
  bool reverse = false;       // direction "reverse" (bidirectional: direction 1 is)
  bool batch_major = false;   // layout 1: X [batch, seq, input], Y [batch, seq, dirs, hidden]
  bool linear_before_reset = false;
  std::vector<OpKind> activations;  // activation_count(cell) per direction
  DType dtype = DType::f32;
  Value *x = nullptr, *w = nullptr, *r = nullptr, *b = nullptr, *seq_lens = nullptr;
  Value *h0 = nullptr, *c0 = nullptr, *p = nullptr;

  int64_t gates() const { return gate_count(cell); }
};

// Emits intermediates named after the node, the direction and the step
// ("lstm_d0_t3_sigmoid"), which keeps names readable and unique cheaply.
class Emitter {
 public:
  explicit Emitter(ConvertContext& ctx)
      : ctx_(ctx), base_(ctx.node().name().empty() ? ctx.op_type() : ctx.node().name()) {}

  ConvertContext& ctx() { return ctx_; }
  void set_scope(const std::string& scope) { scope_ = scope; }

  Result<std::vector<Value*>> emit_all(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {}) {
    NodeSpec spec{op, std::move(inputs), std::move(attrs), base_, "onnx:" + ctx_.op_type()};
    INGOT_ASSIGN_OR_RETURN(std::vector<TensorType> types, infer_output_types(spec, {}));
    std::string name = fmt::format("{}{}_{}", base_, scope_.empty() ? "" : "_" + scope_, op_name(op));
    std::vector<std::string> names(types.size(), name);
    return ctx_.graph().add_node(std::move(spec), names, types)->outputs();
  }
  Result<Value*> emit(OpKind op, std::vector<Value*> inputs, AttrMap attrs = {}) {
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> outputs, emit_all(op, std::move(inputs), std::move(attrs)));
    return outputs.at(0);
  }
  Result<Value*> reshape(Value* x, Shape shape) { return emit(OpKind::reshape, {x}, {{"shape", std::move(shape)}}); }
  // x[start:end] along axis.
  Result<Value*> slice(Value* x, int64_t axis, int64_t start, int64_t end) {
    using Ints = std::vector<int64_t>;
    return emit(OpKind::slice, {x}, {{"starts", Ints{start}}, {"ends", Ints{end}}, {"axes", Ints{axis}}, {"steps", Ints{1}}});
  }
  // Entry `index` of axis 0, without that axis.
  Result<Value*> take(Value* x, int64_t index) {
    INGOT_ASSIGN_OR_RETURN(Value* one, slice(x, 0, index, index + 1));
    Shape rest(x->type().shape.begin() + 1, x->type().shape.end());
    return reshape(one, rest);
  }
  Result<std::vector<Value*>> split(Value* x, int64_t axis, std::vector<int64_t> sizes) {
    return emit_all(OpKind::split, {x}, {{"axis", axis}, {"split", std::move(sizes)}});
  }
  // One operand is its own concatenation.
  Result<Value*> concat(std::vector<Value*> parts, int64_t axis) {
    if (parts.size() == 1) return parts[0];
    return emit(OpKind::concat, std::move(parts), {{"axis", axis}});
  }
  // a @ b^T (+ c, broadcast over the rows).
  Result<Value*> gemm_bt(Value* a, Value* b, Value* c) {
    std::vector<Value*> operands{a, b};
    if (c != nullptr) operands.push_back(c);
    return emit(OpKind::gemm, std::move(operands),
                {{"alpha", 1.0}, {"beta", 1.0}, {"trans_a", int64_t{0}}, {"trans_b", int64_t{1}}});
  }

 private:
  ConvertContext& ctx_;
  std::string base_;
  std::string scope_;
};

// ---- Reading the node --------------------------------------------------------

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The activations attribute (one list for all directions; onnxruntime also
// takes one direction's list for both), or the cell's defaults.
Result<std::vector<OpKind>> read_activations(const ConvertContext& ctx, Cell cell, int64_t directions) {
  std::vector<std::string> names;
  if (const onnx::AttributeProto* attr = ctx.find_attr("activations")) {
    names.assign(attr->strings().begin(), attr->strings().end());
  }
  const size_t count = activation_count(cell);
  if (names.empty()) {
    if (cell == Cell::rnn) names = {"Tanh"};
    if (cell == Cell::gru) names = {"Sigmoid", "Tanh"};
    if (cell == Cell::lstm) names = {"Sigmoid", "Tanh", "Tanh"};
  }
  if (names.size() == count && directions == 2) {
    std::vector<std::string> once = names;
    names.insert(names.end(), once.begin(), once.end());
  }
  if (names.size() != count * static_cast<size_t>(directions)) {
    return Status::invalid(fmt::format("activations must list {} functions per direction, not {} in all", count, names.size()));
  }
  std::vector<OpKind> kinds;
  for (const std::string& name : names) {
    const std::string key = lower(name);
    if (key == "sigmoid") kinds.push_back(OpKind::sigmoid);
    else if (key == "tanh") kinds.push_back(OpKind::tanh);
    else if (key == "relu") kinds.push_back(OpKind::relu);
    else return Status::invalid(fmt::format("activation '{}' is not supported (only Sigmoid, Tanh and Relu)", name));
  }
  return kinds;
}

// An operand of the node's dtype with exactly this shape.
Status check_operand(const Layer& layer, const Value* value, const char* what, const Shape& want) {
  if (value == nullptr) return {};
  if (value->type().dtype != layer.dtype) {
    return Status::invalid(fmt::format("{} must be {} like X, not {}", what, dtype_name(layer.dtype), dtype_name(value->type().dtype)));
  }
  if (value->type().shape != want) {
    return Status::invalid(fmt::format("{} must be [{}], not [{}]", what, shape_to_string(want), shape_to_string(value->type().shape)));
  }
  return {};
}

Status read_attributes(const ConvertContext& ctx, Layer& layer) {
  if (ctx.has_attr("clip")) return Status::invalid("clip is not supported");
  if (ctx.attr_int("input_forget", 0) != 0) return Status::invalid("input_forget is not supported");
  const std::string direction = ctx.attr_string("direction", "forward");
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional") {
    return Status::invalid(fmt::format("direction '{}' is not forward, reverse or bidirectional", direction));
  }
  layer.directions = direction == "bidirectional" ? 2 : 1;
  layer.reverse = direction == "reverse";
  const int64_t layout = ctx.attr_int("layout", 0);
  if (layout != 0 && layout != 1) return Status::invalid(fmt::format("layout must be 0 or 1, not {}", layout));
  layer.batch_major = layout == 1;
  layer.linear_before_reset = ctx.attr_int("linear_before_reset", 0) != 0;
  INGOT_ASSIGN_OR_RETURN(layer.activations, read_activations(ctx, layer.cell, layer.directions));
  return {};
}

Status read_operands(const ConvertContext& ctx, Layer& layer) {
  INGOT_ASSIGN_OR_RETURN(layer.x, ctx.required_input(0));
  INGOT_ASSIGN_OR_RETURN(layer.w, ctx.required_input(1));
  INGOT_ASSIGN_OR_RETURN(layer.r, ctx.required_input(2));
  layer.b = ctx.input(3);
  layer.seq_lens = ctx.input(4);
  layer.h0 = ctx.input(5);
  if (layer.cell == Cell::lstm) {
    layer.c0 = ctx.input(6);
    layer.p = ctx.input(7);
  }
  const TensorType& x = layer.x->type();
  if (!is_float(x.dtype)) return Status::invalid(fmt::format("X must be a float tensor, not {}", dtype_name(x.dtype)));
  if (x.rank() != 3) return Status::invalid(fmt::format("X must have rank 3, not {}", x.rank()));
  layer.dtype = x.dtype;
  layer.seq = x.shape[layer.batch_major ? 1 : 0];
  layer.batch = x.shape[layer.batch_major ? 0 : 1];
  layer.input = x.shape[2];
  if (layer.seq < 1) return Status::invalid("a sequence of length 0 is not supported");
  if (layer.seq * layer.directions > kMaxSteps) {
    return Status::invalid(fmt::format("{} steps are too many to unroll (at most {})", layer.seq * layer.directions, kMaxSteps));
  }
  if (layer.r->type().rank() != 3) return Status::invalid("R must have rank 3");
  layer.hidden = ctx.attr_int("hidden_size", layer.r->type().shape[2]);
  if (layer.hidden < 1 || layer.hidden > kMaxElements) return Status::invalid(fmt::format("hidden_size {} is out of range", layer.hidden));
  const int64_t d = layer.directions, g = layer.gates(), h = layer.hidden, n = layer.batch;
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.w, "W", {d, g * h, layer.input}));
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.r, "R", {d, g * h, h}));
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.b, "B", {d, 2 * g * h}));
  const Shape state = layer.batch_major ? Shape{n, d, h} : Shape{d, n, h};
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.h0, "initial_h", state));
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.c0, "initial_c", state));
  INGOT_RETURN_IF_ERROR(check_operand(layer, layer.p, "P", {d, 3 * h}));
  if (layer.seq_lens != nullptr) {
    const TensorType& lens = layer.seq_lens->type();
    if (!is_integer(lens.dtype) || lens.shape != Shape{n}) {
      return Status::invalid(fmt::format("sequence_lens must be an integer tensor [{}]", n));
    }
  }
  return {};
}

Result<Layer> read_layer(const ConvertContext& ctx, Cell cell) {
  Layer layer;
  layer.cell = cell;
  INGOT_RETURN_IF_ERROR(read_attributes(ctx, layer));
  INGOT_RETURN_IF_ERROR(read_operands(ctx, layer));
  return layer;
}

// ---- Per-direction operands ------------------------------------------------

struct Weights {
  Value* w = nullptr;                                  // [G*H, I]
  Value* r = nullptr;                                  // [G*H, H]
  Value *r_zr = nullptr, *r_h = nullptr;               // GRU without linear_before_reset: [2H, H], [H, H]
  Value *wb = nullptr, *rb = nullptr;                  // [G*H] each, or null
  Value *p_i = nullptr, *p_o = nullptr, *p_f = nullptr;  // [H] each, or null
  Value *h0 = nullptr, *c0 = nullptr;                  // [B, H]
};

// Direction d's slice of an initial state, or zeros.
Result<Value*> initial_state(Emitter& em, const Layer& layer, Value* state, int64_t d) {
  if (state == nullptr) return em.ctx().constant_scalar(layer.dtype, 0.0, {layer.batch, layer.hidden});
  const int64_t axis = layer.batch_major ? 1 : 0;
  INGOT_ASSIGN_OR_RETURN(Value* one, em.slice(state, axis, d, d + 1));
  return em.reshape(one, {layer.batch, layer.hidden});
}

Result<Weights> direction_weights(Emitter& em, const Layer& layer, int64_t d) {
  Weights weights;
  const int64_t gh = layer.gates() * layer.hidden;
  INGOT_ASSIGN_OR_RETURN(weights.w, em.take(layer.w, d));
  INGOT_ASSIGN_OR_RETURN(weights.r, em.take(layer.r, d));
  if (layer.b != nullptr) {
    INGOT_ASSIGN_OR_RETURN(Value* b, em.take(layer.b, d));
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> halves, em.split(b, 0, {gh, gh}));
    weights.wb = halves[0];
    weights.rb = halves[1];
  }
  if (layer.p != nullptr) {
    INGOT_ASSIGN_OR_RETURN(Value* p, em.take(layer.p, d));
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> parts, em.split(p, 0, {layer.hidden, layer.hidden, layer.hidden}));
    weights.p_i = parts[0];  // peepholes come in the order i, o, f
    weights.p_o = parts[1];
    weights.p_f = parts[2];
  }
  INGOT_ASSIGN_OR_RETURN(weights.h0, initial_state(em, layer, layer.h0, d));
  if (layer.cell == Cell::lstm) {
    INGOT_ASSIGN_OR_RETURN(weights.c0, initial_state(em, layer, layer.c0, d));
  }
  if (layer.cell == Cell::gru && !layer.linear_before_reset) {
    // Rh multiplies rt (.) Ht-1, not Ht-1: it gets its own product.
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> parts, em.split(weights.r, 0, {2 * layer.hidden, layer.hidden}));
    weights.r_zr = parts[0];
    weights.r_h = parts[1];
  }
  return weights;
}

// The bias that goes with the input projection: Wb + Rb, except that GRU with
// linear_before_reset keeps Rb inside r (.) (H @ Rh^T + Rbh).
Result<Value*> input_bias(Emitter& em, const Layer& layer, const Weights& weights) {
  if (weights.wb == nullptr) return nullptr;
  if (layer.cell == Cell::gru && layer.linear_before_reset) return weights.wb;
  return em.emit(OpKind::add, {weights.wb, weights.rb});
}

// ---- One step ------------------------------------------------------------------

struct State {
  Value* h = nullptr;
  Value* c = nullptr;  // LSTM only
};

// Ht = f(Xt*(Wi^T) + Ht-1*(Ri^T) + Wbi + Rbi)
Result<State> rnn_step(Emitter& em, const Weights& weights, const OpKind* act, Value* xw, const State& prev) {
  INGOT_ASSIGN_OR_RETURN(Value* hr, em.gemm_bt(prev.h, weights.r, nullptr));
  INGOT_ASSIGN_OR_RETURN(Value* sum, em.emit(OpKind::add, {xw, hr}));
  INGOT_ASSIGN_OR_RETURN(Value* h, em.emit(act[0], {sum}));
  return State{h, nullptr};
}

// it = f(Xt*(Wi^T) + Ht-1*(Ri^T) + Pi (.) Ct-1 + Wbi + Rbi)
// ft = f(Xt*(Wf^T) + Ht-1*(Rf^T) + Pf (.) Ct-1 + Wbf + Rbf)
// ct = g(Xt*(Wc^T) + Ht-1*(Rc^T) + Wbc + Rbc)
// Ct = ft (.) Ct-1 + it (.) ct
// ot = f(Xt*(Wo^T) + Ht-1*(Ro^T) + Po (.) Ct + Wbo + Rbo)
// Ht = ot (.) h(Ct)
Result<State> lstm_step(Emitter& em, const Weights& weights, const OpKind* act, Value* xw, const State& prev, int64_t hidden) {
  INGOT_ASSIGN_OR_RETURN(Value* hr, em.gemm_bt(prev.h, weights.r, nullptr));
  INGOT_ASSIGN_OR_RETURN(Value* sum, em.emit(OpKind::add, {xw, hr}));
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> gates, em.split(sum, 1, {hidden, hidden, hidden, hidden}));
  Value *gi = gates[0], *go = gates[1], *gf = gates[2], *gc = gates[3];
  auto peep = [&](Value* gate, Value* p, Value* c) -> Result<Value*> {
    if (p == nullptr) return gate;
    INGOT_ASSIGN_OR_RETURN(Value* pc, em.emit(OpKind::mul, {p, c}));
    return em.emit(OpKind::add, {gate, pc});
  };
  INGOT_ASSIGN_OR_RETURN(gi, peep(gi, weights.p_i, prev.c));
  INGOT_ASSIGN_OR_RETURN(gf, peep(gf, weights.p_f, prev.c));
  INGOT_ASSIGN_OR_RETURN(Value* i, em.emit(act[0], {gi}));
  INGOT_ASSIGN_OR_RETURN(Value* f, em.emit(act[0], {gf}));
  INGOT_ASSIGN_OR_RETURN(Value* candidate, em.emit(act[1], {gc}));
  INGOT_ASSIGN_OR_RETURN(Value* kept, em.emit(OpKind::mul, {f, prev.c}));
  INGOT_ASSIGN_OR_RETURN(Value* added, em.emit(OpKind::mul, {i, candidate}));
  INGOT_ASSIGN_OR_RETURN(Value* c, em.emit(OpKind::add, {kept, added}));
  INGOT_ASSIGN_OR_RETURN(go, peep(go, weights.p_o, c));
  INGOT_ASSIGN_OR_RETURN(Value* o, em.emit(act[0], {go}));
  INGOT_ASSIGN_OR_RETURN(Value* hc, em.emit(act[2], {c}));
  INGOT_ASSIGN_OR_RETURN(Value* h, em.emit(OpKind::mul, {o, hc}));
  return State{h, c};
}

// zt = f(Xt*(Wz^T) + Ht-1*(Rz^T) + Wbz + Rbz)
// rt = f(Xt*(Wr^T) + Ht-1*(Rr^T) + Wbr + Rbr)
// ht = g(Xt*(Wh^T) + (rt (.) Ht-1)*(Rh^T) + Rbh + Wbh)    linear_before_reset = 0
// ht = g(Xt*(Wh^T) + (rt (.) (Ht-1*(Rh^T) + Rbh)) + Wbh)  linear_before_reset != 0
// Ht = (1 - zt) (.) ht + zt (.) Ht-1
Result<State> gru_step(Emitter& em, const Weights& weights, const OpKind* act, Value* xw, const State& prev,
                       const Layer& layer, Value* one) {
  const int64_t hidden = layer.hidden;
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> x_gates, em.split(xw, 1, {hidden, hidden, hidden}));
  Value *xz = x_gates[0], *xr = x_gates[1], *xh = x_gates[2];
  // The Ht-1 terms of z and r (their biases are in xw), and with
  // linear_before_reset Ht-1*(Rh^T) + Rbh.
  Value *hz = nullptr, *hr = nullptr, *hh = nullptr;
  if (layer.linear_before_reset) {
    INGOT_ASSIGN_OR_RETURN(Value* all, em.gemm_bt(prev.h, weights.r, weights.rb));
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> parts, em.split(all, 1, {hidden, hidden, hidden}));
    hz = parts[0], hr = parts[1], hh = parts[2];
  } else {
    INGOT_ASSIGN_OR_RETURN(Value* zr, em.gemm_bt(prev.h, weights.r_zr, nullptr));
    INGOT_ASSIGN_OR_RETURN(std::vector<Value*> parts, em.split(zr, 1, {hidden, hidden}));
    hz = parts[0], hr = parts[1];
  }
  INGOT_ASSIGN_OR_RETURN(Value* z_sum, em.emit(OpKind::add, {xz, hz}));
  INGOT_ASSIGN_OR_RETURN(Value* z, em.emit(act[0], {z_sum}));
  INGOT_ASSIGN_OR_RETURN(Value* r_sum, em.emit(OpKind::add, {xr, hr}));
  INGOT_ASSIGN_OR_RETURN(Value* r, em.emit(act[0], {r_sum}));
  Value* reset = nullptr;
  if (layer.linear_before_reset) {
    INGOT_ASSIGN_OR_RETURN(reset, em.emit(OpKind::mul, {r, hh}));
  } else {
    INGOT_ASSIGN_OR_RETURN(Value* rh, em.emit(OpKind::mul, {r, prev.h}));
    INGOT_ASSIGN_OR_RETURN(reset, em.gemm_bt(rh, weights.r_h, nullptr));
  }
  INGOT_ASSIGN_OR_RETURN(Value* h_sum, em.emit(OpKind::add, {xh, reset}));
  INGOT_ASSIGN_OR_RETURN(Value* candidate, em.emit(act[1], {h_sum}));
  INGOT_ASSIGN_OR_RETURN(Value* keep_new, em.emit(OpKind::sub, {one, z}));
  INGOT_ASSIGN_OR_RETURN(Value* fresh, em.emit(OpKind::mul, {keep_new, candidate}));
  INGOT_ASSIGN_OR_RETURN(Value* kept, em.emit(OpKind::mul, {z, prev.h}));
  INGOT_ASSIGN_OR_RETURN(Value* h, em.emit(OpKind::add, {fresh, kept}));
  return State{h, nullptr};
}

// ---- The unroll --------------------------------------------------------------

// Per step t, a [B, 1] bool "t < sequence_lens[b]"; empty when every entry
// runs the whole sequence.
Result<std::vector<Value*>> step_masks(Emitter& em, const Layer& layer) {
  if (layer.seq_lens == nullptr) return std::vector<Value*>{};
  if (auto lens = em.ctx().constant_ints(4)) {
    bool full = true;
    for (int64_t len : *lens) {
      if (len < 0 || len > layer.seq) return Status::invalid(fmt::format("sequence_lens holds {}, outside [0, {}]", len, layer.seq));
      full = full && len == layer.seq;
    }
    if (full) return std::vector<Value*>{};
  }
  em.set_scope("mask");
  std::vector<int64_t> steps(static_cast<size_t>(layer.seq));
  for (int64_t t = 0; t < layer.seq; ++t) steps[t] = t;
  Value* step_ids = em.ctx().constant_i64(steps, {layer.seq, 1, 1});
  INGOT_ASSIGN_OR_RETURN(Value* lens, em.emit(OpKind::cast, {layer.seq_lens}, {{"to", std::string("i64")}}));
  INGOT_ASSIGN_OR_RETURN(lens, em.reshape(lens, {1, layer.batch, 1}));
  INGOT_ASSIGN_OR_RETURN(Value* all, em.emit(OpKind::less, {step_ids, lens}));  // [T, B, 1]
  std::vector<Value*> masks;
  for (int64_t t = 0; t < layer.seq; ++t) {
    em.set_scope(fmt::format("mask_t{}", t));
    INGOT_ASSIGN_OR_RETURN(Value* mask, em.take(all, t));
    masks.push_back(mask);
  }
  return masks;
}

struct DirectionOutputs {
  std::vector<Value*> y;  // per time index, [B, H]
  State last;
};

Result<DirectionOutputs> run_direction(Emitter& em, const Layer& layer, int64_t d, Value* x2d,
                                       const std::vector<Value*>& masks) {
  em.set_scope(fmt::format("d{}", d));
  INGOT_ASSIGN_OR_RETURN(Weights weights, direction_weights(em, layer, d));
  INGOT_ASSIGN_OR_RETURN(Value* bias, input_bias(em, layer, weights));
  INGOT_ASSIGN_OR_RETURN(Value* xw, em.gemm_bt(x2d, weights.w, bias));
  const int64_t gh = layer.gates() * layer.hidden;
  const int64_t time_axis = layer.batch_major ? 1 : 0;
  INGOT_ASSIGN_OR_RETURN(xw, em.reshape(xw, layer.batch_major ? Shape{layer.batch, layer.seq, gh}
                                                              : Shape{layer.seq, layer.batch, gh}));
  const OpKind* act = layer.activations.data() + d * activation_count(layer.cell);
  Value* one = layer.cell == Cell::gru ? em.ctx().constant_scalar(layer.dtype, 1.0) : nullptr;
  Value* zero = masks.empty() ? nullptr : em.ctx().constant_scalar(layer.dtype, 0.0);
  const bool backward = layer.reverse || d == 1;
  DirectionOutputs out;
  out.y.assign(static_cast<size_t>(layer.seq), nullptr);
  State state{weights.h0, weights.c0};
  for (int64_t k = 0; k < layer.seq; ++k) {
    const int64_t t = backward ? layer.seq - 1 - k : k;
    em.set_scope(fmt::format("d{}_t{}", d, t));
    INGOT_ASSIGN_OR_RETURN(Value* xw_t, em.slice(xw, time_axis, t, t + 1));
    INGOT_ASSIGN_OR_RETURN(xw_t, em.reshape(xw_t, {layer.batch, gh}));
    Result<State> next = layer.cell == Cell::lstm ? lstm_step(em, weights, act, xw_t, state, layer.hidden)
                         : layer.cell == Cell::gru ? gru_step(em, weights, act, xw_t, state, layer, one)
                                                   : rnn_step(em, weights, act, xw_t, state);
    if (!next.ok()) return next.status();
    out.y[t] = next->h;
    if (!masks.empty()) {
      // Past its length an entry keeps its state and outputs zeros.
      INGOT_ASSIGN_OR_RETURN(out.y[t], em.emit(OpKind::where, {masks[t], next->h, zero}));
      INGOT_ASSIGN_OR_RETURN(next->h, em.emit(OpKind::where, {masks[t], next->h, state.h}));
      if (next->c != nullptr) {
        INGOT_ASSIGN_OR_RETURN(next->c, em.emit(OpKind::where, {masks[t], next->c, state.c}));
      }
    }
    state = *next;
  }
  out.last = state;
  return out;
}

// ---- Outputs -------------------------------------------------------------------

// Binds ONNX output i, checking the type against ONNX's inference.
Status bind_checked(ConvertContext& ctx, size_t i, Value* value) {
  if (auto inferred = ctx.inferred_output_type(i)) {
    if (inferred->dtype != value->type().dtype || inferred->shape != value->type().shape) {
      return Status::invalid(fmt::format("ingot infers {} for output '{}' but ONNX infers {}", type_to_string(value->type()),
                                         ctx.node().output(static_cast<int>(i)), type_to_string(*inferred)));
    }
  }
  return ctx.bind_output(i, value);
}

// Y: [T, D, B, H], or [B, T, D, H] batch-major.
Result<Value*> join_y(Emitter& em, const Layer& layer, const std::vector<DirectionOutputs>& runs) {
  const int64_t n = layer.batch, h = layer.hidden;
  std::vector<Value*> per_direction;
  for (const DirectionOutputs& run : runs) {
    std::vector<Value*> steps;
    for (Value* y : run.y) {
      INGOT_ASSIGN_OR_RETURN(Value* step, em.reshape(y, layer.batch_major ? Shape{n, 1, 1, h} : Shape{1, 1, n, h}));
      steps.push_back(step);
    }
    INGOT_ASSIGN_OR_RETURN(Value* joined, em.concat(std::move(steps), layer.batch_major ? 1 : 0));
    per_direction.push_back(joined);
  }
  return em.concat(std::move(per_direction), layer.batch_major ? 2 : 1);
}

// Y_h / Y_c: [D, B, H], or [B, D, H] batch-major.
Result<Value*> join_last(Emitter& em, const Layer& layer, const std::vector<Value*>& states) {
  std::vector<Value*> parts;
  for (Value* state : states) {
    INGOT_ASSIGN_OR_RETURN(Value* part, em.reshape(state, layer.batch_major ? Shape{layer.batch, 1, layer.hidden}
                                                                             : Shape{1, layer.batch, layer.hidden}));
    parts.push_back(part);
  }
  return em.concat(std::move(parts), layer.batch_major ? 1 : 0);
}

Status bind_outputs(ConvertContext& ctx, Emitter& em, const Layer& layer, const std::vector<DirectionOutputs>& runs) {
  em.set_scope("out");
  if (ctx.output_used(0)) {
    INGOT_ASSIGN_OR_RETURN(Value* y, join_y(em, layer, runs));
    INGOT_RETURN_IF_ERROR(bind_checked(ctx, 0, y));
  }
  std::vector<Value*> hs, cs;
  for (const DirectionOutputs& run : runs) {
    hs.push_back(run.last.h);
    cs.push_back(run.last.c);
  }
  if (ctx.output_used(1)) {
    INGOT_ASSIGN_OR_RETURN(Value* y_h, join_last(em, layer, hs));
    INGOT_RETURN_IF_ERROR(bind_checked(ctx, 1, y_h));
  }
  if (layer.cell == Cell::lstm && ctx.output_used(2)) {
    INGOT_ASSIGN_OR_RETURN(Value* y_c, join_last(em, layer, cs));
    INGOT_RETURN_IF_ERROR(bind_checked(ctx, 2, y_c));
  }
  return {};
}

template <Cell kCell>
Status recurrent(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Layer layer, read_layer(ctx, kCell));
  Emitter em(ctx);
  INGOT_ASSIGN_OR_RETURN(std::vector<Value*> masks, step_masks(em, layer));
  em.set_scope("x");
  // Every step's input in one matrix: [T*B, I] (or [B*T, I]), row-major.
  INGOT_ASSIGN_OR_RETURN(Value* x2d, em.reshape(layer.x, {layer.seq * layer.batch, layer.input}));
  std::vector<DirectionOutputs> runs;
  for (int64_t d = 0; d < layer.directions; ++d) {
    INGOT_ASSIGN_OR_RETURN(DirectionOutputs run, run_direction(em, layer, d, x2d, masks));
    runs.push_back(std::move(run));
  }
  return bind_outputs(ctx, em, layer, runs);
}

}  // namespace

std::vector<ConverterEntry> recurrent_converters() {
  using K = OpKind;
  // Every cell: the unroll's layout ops, the projections, the gate sums, any
  // of the three activations, and the masks of sequence_lens.
  const CoreOpSet unrolled{K::reshape, K::slice, K::split, K::concat, K::gemm, K::add,
                       K::sigmoid, K::tanh, K::relu, K::cast, K::less, K::where};
  return {
      {"RNN", recurrent<Cell::rnn>, unrolled},
      {"GRU", recurrent<Cell::gru>, unrolled | CoreOpSet{K::mul, K::sub}},
      {"LSTM", recurrent<Cell::lstm>, unrolled | CoreOpSet{K::mul}},
  };
}

}  // namespace ingot::onnx_import
