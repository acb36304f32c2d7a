#include "compiler/quantize_static.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compiler/graph_values.h"
#include "compiler/npy.h"
#include "compiler/sqnr.h"
#include "compiler/weight_pair_fit.h"
#include "compiler/weight_quantization.h"
#include "importers/aten/zip_archive.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

// ---- which nodes become int8, and the values they read and write --------

// What the rewrite does to one node: its float activations get a
// quantize/dequantize pair each, its constant weights become i8 per channel.
struct Candidate {
  Node* op;
  std::vector<Value*> activations;  // inputs to quantize per tensor
  int64_t weight_axis = -1;         // the output-channel axis of input 1, or -1: no weights
  Value* output;                    // the op's result, or the relu / clip right after it
  bool layer = true;                // conv, matmul, gemm, add; false: an op that passes quantized data through
  bool quantized = true;            // false once --min-sqnr put it back in float
  std::vector<Value*> float_inputs = {};  // its inputs before the rewrite
};

bool is_f32(const Value* v) { return v != nullptr && v->type().dtype == DType::f32; }

// The relu or clip that alone reads `op`'s result, else the result itself.
Value* output_of(const Graph& graph, Node& op, const std::unordered_map<const Value*, int>& uses) {
  Value* y = op.output(0);
  if (graph.is_output(y) || uses.at(y) != 1) return y;
  for (Node* node : graph.nodes()) {
    if (node->input(0) == y && (node->op() == OpKind::relu || node->op() == OpKind::clip)) return node->output(0);
  }
  return y;
}

std::optional<Candidate> layer_of(const Graph& graph, Node& node, const std::unordered_map<const Value*, int>& uses) {
  if (node.outputs().size() != 1 || !is_f32(node.output(0)) || node.has_attr("activation")) return std::nullopt;
  const Value* w = node.input(1);
  const bool constant_weights = w != nullptr && w->is_constant() && is_f32(w);
  switch (node.op()) {
    case OpKind::conv:
      if (!constant_weights || !is_f32(node.input(0))) return std::nullopt;
      return Candidate{&node, {node.input(0)}, 0, output_of(graph, node, uses)};
    case OpKind::matmul:
      if (!constant_weights || w->type().rank() != 2 || node.input(0)->type().rank() < 2 || !is_f32(node.input(0))) {
        return std::nullopt;
      }
      return Candidate{&node, {node.input(0)}, 1, output_of(graph, node, uses)};
    case OpKind::gemm:
      if (!constant_weights || node.attr_i("trans_a") != 0 || !is_f32(node.input(0))) return std::nullopt;
      return Candidate{&node, {node.input(0)}, node.attr_i("trans_b") == 1 ? 0 : 1, output_of(graph, node, uses)};
    case OpKind::add:
      if (!is_f32(node.input(0)) || !is_f32(node.input(1)) || node.input(0)->is_constant() || node.input(1)->is_constant()) {
        return std::nullopt;
      }
      return Candidate{&node, {node.input(0), node.input(1)}, -1, output_of(graph, node, uses)};
    default:
      return std::nullopt;
  }
}

// Ops that select, move or average values: quantized when every activation
// they read is a quantized result, so that the program stays integer from
// one layer to the next (lower-qdq runs them on the integers).
std::optional<Candidate> pass_through_of(Node& node, const std::set<const Value*>& quantized) {
  if (node.outputs().size() != 1 || !is_f32(node.output(0))) return std::nullopt;
  std::vector<Value*> activations;
  switch (node.op()) {
    case OpKind::concat: activations = node.inputs(); break;
    case OpKind::max_pool:
    case OpKind::global_max_pool:
    case OpKind::avg_pool:
    case OpKind::global_avg_pool:
    case OpKind::reshape:
    case OpKind::transpose: activations = {node.input(0)}; break;
    default: return std::nullopt;
  }
  for (const Value* v : activations) {
    if (!quantized.contains(v)) return std::nullopt;
  }
  return Candidate{&node, activations, -1, node.output(0), false};
}

// Every node to quantize, in graph order, but those named in `keep_float`.
std::vector<Candidate> candidates(const Graph& graph, const std::set<std::string>& keep_float) {
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  std::vector<Candidate> out;
  std::set<const Value*> quantized;
  for (Node* node : graph.nodes()) {
    if (keep_float.contains(node->name())) continue;
    std::optional<Candidate> c = layer_of(graph, *node, uses);
    if (!c) c = pass_through_of(*node, quantized);
    if (!c) continue;
    quantized.insert(c->output);
    out.push_back(std::move(*c));
  }
  return out;
}

// ---- shared parameters -----------------------------------------------------

// Values that must be quantized alike, so that lower-qdq can run the op
// between them on the integers: a pass-through op's operands and result. A
// global average pool is the exception: its means span a narrower range than
// its input, and qavg_pool requantizes anyway.
class SharedParams {
 public:
  const Value* root(const Value* v) {
    auto it = parent_.find(v);
    if (it == parent_.end() || it->second == v) return v;
    const Value* r = root(it->second);
    parent_[v] = r;
    return r;
  }
  void join(const Value* a, const Value* b) {
    const Value* ra = root(a);
    const Value* rb = root(b);
    if (ra != rb) parent_[rb] = ra;
  }

 private:
  std::map<const Value*, const Value*> parent_;
};

SharedParams shared_params(const std::vector<Candidate>& candidates) {
  SharedParams shared;
  for (const Candidate& c : candidates) {
    if (c.layer || c.op->op() == OpKind::global_avg_pool) continue;
    for (const Value* v : c.activations) shared.join(c.output, v);
  }
  return shared;
}
// ---- observers -------------------------------------------------------------

struct Range {
  double lo = 0, hi = 0;  // always covers 0: the real 0 must be exact (padding, relu)
  double lo_sum = 0, hi_sum = 0;
  int samples = 0;
};

void observe(const float* data, size_t n, const StaticQuantizationOptions& options, Range* range) {
  if (n == 0) return;
  if (options.observer == "percentile") {
    std::vector<float> sorted(data, data + n);
    const auto at = [&](double p) {
      const size_t k = std::min(n - 1, static_cast<size_t>(std::llround(p / 100.0 * static_cast<double>(n - 1))));
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
      return static_cast<double>(sorted[k]);
    };
    range->lo_sum += at(100.0 - options.percentile);
    range->hi_sum += at(options.percentile);
    ++range->samples;
    range->lo = std::min(0.0, range->lo_sum / range->samples);
    range->hi = std::max(0.0, range->hi_sum / range->samples);
    return;
  }
  const auto [lo, hi] = std::minmax_element(data, data + n);
  range->lo = std::min(range->lo, static_cast<double>(*lo));
  range->hi = std::max(range->hi, static_cast<double>(*hi));
}

// u8, asymmetric: [lo, hi] onto [0, 255] with 0 exact.
struct Params {
  double scale;
  int64_t zero_point;
};

Params u8_params(const Range& r) {
  const double span = r.hi - r.lo;
  if (!(span > 0)) return {1.0, 0};
  const double scale = span / 255.0;
  return {scale, std::clamp<int64_t>(std::llround(-r.lo / scale), 0, 255)};
}

// ---- the rewrite -----------------------------------------------------------

Value* scalar(Graph& graph, const std::string& name, DType dtype, double value) {
  return add_constant_values(graph, name, dtype, {}, {value});
}

// quantize(x) -> dequantize, inserted before `before` (null: at the end).
Value* fake_quantize(Graph& graph, Value* x, const Params& p, const Node* before) {
  Value* scale = scalar(graph, x->name() + "_scale", DType::f32, p.scale);
  Value* zero_point = scalar(graph, x->name() + "_zero_point", DType::u8, static_cast<double>(p.zero_point));
  const Shape& shape = x->type().shape;
  Node* q = graph.insert_node(before, {OpKind::quantize, {x, scale, zero_point}, {{"axis", int64_t{0}}}, x->name() + "_q", "quantize"},
                              {x->name() + "_q"}, {TensorType{DType::u8, shape}});
  Node* dq = graph.insert_node(before, {OpKind::dequantize, {q->output(0), scale, zero_point}, {{"axis", int64_t{0}}}, x->name() + "_dq", "quantize"},
                               {x->name() + "_dq"}, {TensorType{DType::f32, shape}});
  return dq->output(0);
}

// The bits of one layer's weights: --weight-bits 7 buys speed only where
// x86 then runs the u8 x i8 GEMM (qconv.im2col_w7): convs other than
// depthwise ones. Depthwise convs (exact on i16 pairs either way, and the
// layers most sensitive to weight noise) and matmul / gemm keep 8 bits. A
// property of the graph alone, so the program stays the same for every target.
int layer_weight_bits(const Node& op, int weight_bits) {
  if (op.op() != OpKind::conv) return 8;
  const Shape& w = op.input(1)->type().shape;
  const bool depthwise = op.attr_i("group", 1) > 1 && w.size() > 1 && w[1] == 1;
  return depthwise ? 8 : weight_bits;
}

// How many pairs of K pair-safe weights (weight_pair_fit.h) moved, of how many.
struct PairFit {
  int64_t moved = 0, pairs = 0;
};

// Per-channel symmetric i8 weights of `bits` bits (weight_quantization.h),
// read through a dequantize; with `fit` (8 bits, the layers of
// layer_weight_bits' 7) the pairs that could saturate moved to fit.
Value* quantized_weights(Graph& graph, Node& op, int64_t axis, int bits, PairFit* fit) {
  Value* w = op.input(1);
  const Shape& shape = w->type().shape;
  const int64_t channels = shape[static_cast<size_t>(axis)];
  const std::vector<double> values = *constant_values(w);
  SymmetricWeights q = symmetric_per_channel(values, shape, axis, bits);
  if (fit != nullptr) {
    fit->moved += fit_weight_pairs(values, shape, &q);
    fit->pairs += weight_pairs(shape);
  }
  Value* wq = add_constant_values(graph, w->name() + "_i8", DType::i8, shape, q.values);
  Value* ws = add_constant_values(graph, w->name() + "_scale", DType::f32, {channels}, q.scales);
  Node* dq = graph.insert_node(&op, {OpKind::dequantize, {wq, ws}, {{"axis", axis}}, w->name() + "_dq", "quantize"},
                               {w->name() + "_dq"}, {TensorType{DType::f32, shape}});
  return dq->output(0);
}

// The node after `node` in execution order, or null at the end.
const Node* next_node(const Graph& graph, const Node* node) {
  const std::vector<Node*> nodes = graph.nodes();
  auto it = std::find(nodes.begin(), nodes.end(), node);
  return it == nodes.end() || it + 1 == nodes.end() ? nullptr : *(it + 1);
}

// ---- the quantized graph and what it costs --------------------------------

// One quantized layer's result: the float value and its dequantized int8 form.
struct Layer {
  size_t candidate;
  const Value* reference;
  Value* quantized;
  std::string value;
};

// A float value and the dequantize of its quantize pair, in insertion order.
struct FakePair {
  Value* value;
  Value* dequantized;
  std::optional<size_t> producer;  // the candidate whose result it is
};

struct Rewrite {
  std::vector<Candidate> candidates;
  std::vector<FakePair> pairs;
  std::vector<Layer> layers;
  PairFit pair_fit;
};

Rewrite rewrite(Graph& graph, PassContext& context, std::vector<Candidate> candidates,
                const std::map<const Value*, Range>& ranges, SharedParams& shared, int weight_bits, bool pair_safe) {
  // One range per group of values that share parameters.
  std::map<const Value*, Range> group_ranges;
  for (const auto& [value, range] : ranges) {
    Range& group = group_ranges[shared.root(value)];
    group.lo = std::min(group.lo, range.lo);
    group.hi = std::max(group.hi, range.hi);
  }
  auto params = [&](const Value* v) { return u8_params(group_ranges.at(shared.root(v))); };
  Rewrite out{std::move(candidates), {}, {}};
  std::map<const Value*, Value*> fake;  // activation -> its dequantized form
  for (size_t i = 0; i < out.candidates.size(); ++i) {
    Candidate& t = out.candidates[i];
    t.float_inputs = t.op->inputs();
    std::vector<Value*> inputs = t.op->inputs();
    for (size_t a = 0; a < t.activations.size(); ++a) {
      Value* x = t.activations[a];
      if (!fake.contains(x)) {
        fake[x] = fake_quantize(graph, x, params(x), t.op);
        out.pairs.push_back({x, fake[x], std::nullopt});
      }
      inputs[a] = fake[x];
    }
    if (t.weight_axis >= 0) {
      // The layers 7 bits would speed up are those whose pairs fitting does.
      const bool fit = pair_safe && layer_weight_bits(*t.op, 7) == 7;
      inputs[1] = quantized_weights(graph, *t.op, t.weight_axis, layer_weight_bits(*t.op, weight_bits), fit ? &out.pair_fit : nullptr);
    }
    t.op->set_inputs(inputs);
    Value* y = t.output;
    if (fake.contains(y)) continue;
    // After y's producer: every other reader of y reads the dequantized form.
    const std::string name = y->name();
    Value* dq = fake_quantize(graph, y, params(y), next_node(graph, y->producer()));
    Node* q = dq->producer()->input(0)->producer();
    graph.replace_all_uses(y, dq);
    q->set_input(0, y);
    fake[y] = dq;
    out.pairs.push_back({y, dq, i});
    if (t.layer) out.layers.push_back({i, y, dq, name});
    context.count(fmt::format("{} quantized to int8", op_name(t.op->op())));
  }
  return out;
}

// True when a quantized candidate reads `pair`'s dequantized form.
bool read_by_quantized(const Rewrite& r, const FakePair& pair) {
  for (const Candidate& reader : r.candidates) {
    if (!reader.quantized) continue;
    const std::vector<Value*>& inputs = reader.op->inputs();
    if (std::find(inputs.begin(), inputs.end(), pair.dequantized) != inputs.end()) return true;
  }
  return false;
}

// Whether candidates a and b are neighbours: one reads what the other writes.
bool adjacent(const Rewrite& r, size_t a, size_t b) {
  for (const FakePair& pair : r.pairs) {
    if (pair.producer != a && pair.producer != b) continue;
    const std::vector<Value*>& read = r.candidates[pair.producer == a ? b : a].activations;
    if (std::find(read.begin(), read.end(), pair.value) != read.end()) return true;
  }
  return false;
}

// Pass-through ops are worth their quantization only where they connect to
// a quantized layer, directly or through other pass-through ops; the others
// compute in float again.
void settle_pass_throughs(Rewrite& r) {
  std::vector<bool> connected(r.candidates.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < r.candidates.size(); ++i) {
      if (r.candidates[i].layer || !r.candidates[i].quantized || connected[i]) continue;
      for (size_t j = 0; j < r.candidates.size() && !connected[i]; ++j) {
        const Candidate& other = r.candidates[j];
        const bool live = other.layer ? other.quantized : connected[j];
        if (j != i && live && adjacent(r, i, j)) connected[i] = changed = true;
      }
    }
  }
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    Candidate& c = r.candidates[i];
    if (c.layer || !c.quantized || connected[i]) continue;
    c.quantized = false;
    c.op->set_inputs(c.float_inputs);
  }
}

// Candidate `index` computes in float again: it reads its float inputs;
// pass-through ops left with no quantized layer to connect to follow it; and
// a quantize pair that no quantized node needs any more (neither written by
// one nor read by one) is bypassed.
void keep_in_float(Graph& graph, Rewrite& r, size_t index) {
  r.candidates[index].quantized = false;
  r.candidates[index].op->set_inputs(r.candidates[index].float_inputs);
  settle_pass_throughs(r);
  for (const FakePair& pair : r.pairs) {
    const bool needed = (pair.producer && r.candidates[*pair.producer].quantized) || read_by_quantized(r, pair);
    if (!needed) graph.replace_all_uses(pair.dequantized, pair.value);
  }
}

struct Accuracy {
  std::vector<double> layers;   // dB per Rewrite::layers entry
  std::vector<double> outputs;  // dB per graph output; NaN for one that is not f32
  double worst_output() const {
    double worst = 200.0;
    for (double db : outputs) {
      if (!std::isnan(db)) worst = std::min(worst, db);
    }
    return worst;
  }
};

// The quantized graph against the float one over the samples, per layer and output.
Result<Accuracy> measure(const Graph& graph, GraphValues& float_run, const std::vector<Value*>& float_outputs,
                         const Rewrite& r, const CalibrationSamples& samples, const StaticQuantizationOptions& options) {
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<GraphValues> quantized_run, GraphValues::load(graph));
  std::vector<SignalNoise> layers(r.layers.size()), outputs(float_outputs.size());
  for (size_t s = 0; s < samples.size(); ++s) {
    if (options.progress) options.progress("accuracy", static_cast<int>(s + 1), static_cast<int>(samples.size()));
    INGOT_RETURN_IF_ERROR(float_run.run(samples[s]));
    INGOT_RETURN_IF_ERROR(quantized_run->run(samples[s]));
    for (size_t i = 0; i < r.layers.size(); ++i) {
      layers[i].add(float_run.data(r.layers[i].reference), quantized_run->data(r.layers[i].quantized),
                    static_cast<size_t>(num_elements(r.layers[i].reference->type().shape)));
    }
    for (size_t i = 0; i < float_outputs.size(); ++i) {
      if (!is_f32(float_outputs[i])) continue;
      outputs[i].add(float_run.data(float_outputs[i]), quantized_run->data(graph.outputs()[i]),
                     static_cast<size_t>(num_elements(float_outputs[i]->type().shape)));
    }
  }
  Accuracy a;
  for (const SignalNoise& l : layers) a.layers.push_back(l.db());
  for (size_t i = 0; i < outputs.size(); ++i) a.outputs.push_back(is_f32(float_outputs[i]) ? outputs[i].db() : NAN);
  return a;
}


Status quantize_static(Graph& graph, PassContext& context, const StaticQuantizationOptions& options,
                       QuantizationRecord* record) {
  INGOT_RETURN_IF_ERROR(check_keep_float(graph, options.keep_float));
  INGOT_ASSIGN_OR_RETURN(CalibrationSamples samples, load_calibration_samples(options.calibration_dir, graph));
  const std::set<std::string> keep_float(options.keep_float.begin(), options.keep_float.end());
  std::vector<Candidate> targets = candidates(graph, keep_float);
  // Calibrate: the float graph over every sample; its outputs are kept for
  // measuring the final program.
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<GraphValues> float_run, GraphValues::load(graph));
  std::map<const Value*, Range> ranges;
  for (const Candidate& t : targets) {
    for (Value* v : t.activations) ranges[v];
    ranges[t.output];
  }
  const std::vector<Value*> float_outputs = graph.outputs();
  record->float_outputs.assign(samples.size(), {});
  for (size_t s = 0; s < samples.size(); ++s) {
    if (options.progress) options.progress("calibration", static_cast<int>(s + 1), static_cast<int>(samples.size()));
    INGOT_RETURN_IF_ERROR(float_run->run(samples[s]));
    for (auto& [value, range] : ranges) {
      observe(reinterpret_cast<const float*>(float_run->data(value)), static_cast<size_t>(num_elements(value->type().shape)),
              options, &range);
    }
    for (const Value* output : float_outputs) {
      const uint8_t* data = float_run->data(output);
      record->float_outputs[s].emplace_back(is_f32(output) ? std::vector<uint8_t>(data, data + byte_size(output->type()))
                                                           : std::vector<uint8_t>());
    }
  }
  SharedParams shared = shared_params(targets);
  Rewrite r = rewrite(graph, context, std::move(targets), ranges, shared, options.weight_bits, options.pair_safe);
  INGOT_ASSIGN_OR_RETURN(Accuracy accuracy, measure(graph, *float_run, float_outputs, r, samples, options));

  nlohmann::ordered_json kept = nlohmann::ordered_json::array();
  for (const Node* node : graph.nodes()) {
    if (keep_float.contains(node->name())) {
      kept.push_back({{"node", node->name()}, {"op", op_name(node->op())}, {"reason", "--keep-float"}});
    }
  }
  // --min-sqnr: the quantized layer with the lowest SQNR back to float, until
  // the outputs meet the target or no layer is left.
  while (options.min_sqnr_db && accuracy.worst_output() < *options.min_sqnr_db) {
    std::optional<size_t> worst;
    for (size_t i = 0; i < r.layers.size(); ++i) {
      if (r.candidates[r.layers[i].candidate].quantized && (!worst || accuracy.layers[i] < accuracy.layers[*worst])) worst = i;
    }
    if (!worst) break;
    const Candidate& c = r.candidates[r.layers[*worst].candidate];
    kept.push_back({{"node", c.op->name()},
                    {"op", op_name(c.op->op())},
                    {"reason", fmt::format("--min-sqnr: the output SQNR was {:.2f} dB, below {:.2f} dB; this layer had the "
                                           "lowest SQNR of the quantized layers",
                                           accuracy.worst_output(), *options.min_sqnr_db)},
                    {"sqnr_db", accuracy.layers[*worst]}});
    context.count("layers kept in float by --min-sqnr");
    keep_in_float(graph, r, r.layers[*worst].candidate);
    INGOT_ASSIGN_OR_RETURN(accuracy, measure(graph, *float_run, float_outputs, r, samples, options));
  }

  nlohmann::ordered_json output_list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < float_outputs.size(); ++i) {
    if (std::isnan(accuracy.outputs[i])) continue;
    output_list.push_back({{"name", graph.outputs()[i]->name()}, {"sqnr_db", accuracy.outputs[i]}});
  }
  nlohmann::ordered_json layer_list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.layers.size(); ++i) {
    const Candidate& c = r.candidates[r.layers[i].candidate];
    if (!c.quantized) continue;
    layer_list.push_back({{"node", c.op->name()},
                          {"op", op_name(c.op->op())},
                          {"value", r.layers[i].value},
                          {"sqnr_db", accuracy.layers[i]}});
  }
  nlohmann::ordered_json& report = record->report;
  report["mode"] = "int8";
  report["observer"] = options.observer;
  report["weight_bits"] = options.weight_bits;
  if (options.pair_safe) report["pair_safe"] = {{"pairs", r.pair_fit.pairs}, {"moved", r.pair_fit.moved}};
  report["samples"] = samples.size();
  if (options.min_sqnr_db) report["search_sqnr_db"] = *options.min_sqnr_db;
  report["layers"] = layer_list;
  report["kept_float"] = kept;
  report["outputs"] = output_list;
  record->samples = std::move(samples);
  return {};
}

}  // namespace

namespace {

// One input's samples: DIR/NAME.npy, or the array NAME of an .npz archive
// (np.savez stores it as the entry NAME.npy).
Result<HostTensorData> calibration_array(const std::string& source, const aten::ZipArchive* npz, const std::string& name,
                                         std::string* label) {
  if (npz == nullptr) {
    *label = (std::filesystem::path(source) / (name + ".npy")).string();
    if (!std::filesystem::exists(*label)) {
      return Status::invalid(fmt::format("{}: no calibration data for input '{}'", *label, name));
    }
    return read_npy(*label);
  }
  *label = fmt::format("{}:{}.npy", source, name);
  if (!npz->contains(name + ".npy")) {
    return Status::invalid(fmt::format("{}: no calibration array '{}' for input '{}'", source, name, name));
  }
  INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, npz->read(name + ".npy"));
  return parse_npy(std::string(bytes.begin(), bytes.end()), *label);
}

}  // namespace

Status check_keep_float(const Graph& graph, const std::vector<std::string>& names) {
  std::set<std::string> nodes;
  for (const Node* node : graph.nodes()) nodes.insert(node->name());
  for (const std::string& name : names) {
    if (!nodes.contains(name)) {
      return Status::usage(fmt::format("--keep-float: the graph has no node named '{}' (report.json's quantization "
                                       "layers give the names of the quantized nodes)",
                                       name));
    }
  }
  return {};
}

Result<CalibrationSamples> load_calibration_samples(const std::string& source, const Graph& graph) {
  namespace fs = std::filesystem;
  std::optional<aten::ZipArchive> npz;
  if (fs::is_regular_file(source) && fs::path(source).extension() == ".npz") {
    INGOT_ASSIGN_OR_RETURN(npz, aten::ZipArchive::open_file(source));
  } else if (!fs::is_directory(source)) {
    return Status::invalid(fmt::format("{}: the calibration set is neither a folder nor an .npz file", source));
  }
  CalibrationSamples samples;
  for (size_t i = 0; i < graph.inputs().size(); ++i) {
    const Value* input = graph.inputs()[i];
    std::string path;
    INGOT_ASSIGN_OR_RETURN(HostTensorData data, calibration_array(source, npz ? &*npz : nullptr, input->name(), &path));
    const TensorType& want = input->type();
    if (data.type.dtype != want.dtype) {
      return Status::invalid(fmt::format("{}: {} data for the {} input '{}'", path, dtype_name(data.type.dtype),
                                         dtype_name(want.dtype), input->name()));
    }
    size_t count = 1;
    if (data.type.shape != want.shape) {
      const Shape inner(data.type.shape.begin() + (data.type.shape.empty() ? 0 : 1), data.type.shape.end());
      if (data.type.shape.empty() || inner != want.shape || data.type.shape[0] < 1) {
        return Status::invalid(fmt::format("{}: shape [{}] is neither the input's [{}] nor a stack of them", path,
                                           shape_to_string(data.type.shape), shape_to_string(want.shape)));
      }
      count = static_cast<size_t>(data.type.shape[0]);
    }
    if (i == 0) samples.resize(count);
    if (samples.size() != count) {
      return Status::invalid(fmt::format("{}: {} samples, but the first input has {}", path, count, samples.size()));
    }
    const size_t bytes = static_cast<size_t>(byte_size(want));
    for (size_t s = 0; s < count; ++s) {
      samples[s].emplace_back(data.bytes.begin() + static_cast<std::ptrdiff_t>(s * bytes),
                              data.bytes.begin() + static_cast<std::ptrdiff_t>((s + 1) * bytes));
    }
  }
  if (samples.empty()) return Status::invalid(fmt::format("{}: no calibration samples (the graph has no inputs)", source));
  return samples;
}

Pass static_quantization_pass(StaticQuantizationOptions options, QuantizationRecord* record) {
  return {"quantize-static", "int8 post-training quantization from calibration samples (--quantize int8)",
          [options, record](Graph& graph, PassContext& context) { return quantize_static(graph, context, options, record); }};
}

}  // namespace ingot
