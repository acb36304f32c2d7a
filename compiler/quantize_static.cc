#include "compiler/quantize_static.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "compiler/graph_values.h"
#include "compiler/npy.h"
#include "compiler/weight_quantization.h"
#include "passes/rewrite.h"

namespace ingot {
namespace {

using Samples = std::vector<std::vector<std::vector<uint8_t>>>;

// ---- which nodes become int8, and the values they read and write --------

// What the rewrite does to one node: its float activations get a
// quantize/dequantize pair each, its constant weights become i8 per channel.
struct Candidate {
  Node* op;
  std::vector<Value*> activations;  // inputs to quantize per tensor
  int64_t weight_axis = -1;         // the output-channel axis of input 1, or -1: no weights
  Value* output;                    // the op's result, or the relu / clip right after it
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

std::optional<Candidate> target_of(const Graph& graph, Node& node, const std::unordered_map<const Value*, int>& uses) {
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

// Per-channel symmetric i8 weights (weight_quantization.h), read through a dequantize.
Value* quantized_weights(Graph& graph, Node& op, int64_t axis) {
  Value* w = op.input(1);
  const Shape& shape = w->type().shape;
  const int64_t channels = shape[static_cast<size_t>(axis)];
  const SymmetricWeights q = symmetric_per_channel(*constant_values(w), shape, axis);
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

double sqnr_db(double signal, double noise) {
  if (noise <= 0) return 200.0;  // exact: reported as a large finite number (JSON has no infinity)
  return 10.0 * std::log10(std::max(signal, 1e-300) / noise);
}

struct Power {
  double signal = 0, noise = 0;
};

void accumulate(const uint8_t* reference, const uint8_t* quantized, size_t n, Power* p) {
  for (size_t i = 0; i < n; ++i) {
    float r, q;
    std::memcpy(&r, reference + 4 * i, 4);
    std::memcpy(&q, quantized + 4 * i, 4);
    p->signal += static_cast<double>(r) * r;
    p->noise += (static_cast<double>(r) - q) * (static_cast<double>(r) - q);
  }
}

Status quantize_static(Graph& graph, PassContext& context, const StaticQuantizationOptions& options,
                       nlohmann::ordered_json* report) {
  INGOT_ASSIGN_OR_RETURN(Samples samples, load_calibration_samples(options.calibration_dir, graph));
  const std::unordered_map<const Value*, int> uses = count_uses(graph);
  std::vector<Candidate> targets;
  for (Node* node : graph.nodes()) {
    if (std::optional<Candidate> t = target_of(graph, *node, uses)) targets.push_back(*t);
  }
  // Calibrate: the float graph over every sample.
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<GraphValues> float_run, GraphValues::load(graph));
  std::map<const Value*, Range> ranges;
  for (const Candidate& t : targets) {
    for (Value* v : t.activations) ranges[v];
    ranges[t.output];
  }
  for (size_t s = 0; s < samples.size(); ++s) {
    if (options.progress) options.progress("calibration", static_cast<int>(s + 1), static_cast<int>(samples.size()));
    INGOT_RETURN_IF_ERROR(float_run->run(samples[s]));
    for (auto& [value, range] : ranges) {
      observe(reinterpret_cast<const float*>(float_run->data(value)), static_cast<size_t>(num_elements(value->type().shape)),
              options, &range);
    }
  }
  const std::vector<Value*> float_outputs = graph.outputs();
  // Rewrite: one quantize/dequantize pair per activation value, weights per channel.
  std::map<const Value*, Value*> fake;  // activation -> its dequantized form
  struct Layer {
    std::string node, op, value;
    const Value* reference;  // the float result
    Value* quantized;        // its dequantized int8 form
  };
  std::vector<Layer> layers;
  for (const Candidate& t : targets) {
    std::vector<Value*> inputs = t.op->inputs();
    for (size_t i = 0; i < t.activations.size(); ++i) {
      Value* x = t.activations[i];
      if (!fake.contains(x)) fake[x] = fake_quantize(graph, x, u8_params(ranges[x]), t.op);
      inputs[i] = fake[x];
    }
    if (t.weight_axis >= 0) inputs[1] = quantized_weights(graph, *t.op, t.weight_axis);
    t.op->set_inputs(inputs);
    Value* y = t.output;
    if (fake.contains(y)) continue;
    // After y's producer: every other reader of y reads the dequantized form.
    const std::string name = y->name();
    Value* dq = fake_quantize(graph, y, u8_params(ranges[y]), next_node(graph, y->producer()));
    Node* q = dq->producer()->input(0)->producer();
    graph.replace_all_uses(y, dq);
    q->set_input(0, y);
    fake[y] = dq;
    layers.push_back({t.op->name(), std::string(op_name(t.op->op())), name, y, dq});
    context.count(fmt::format("{} quantized to int8", op_name(t.op->op())));
  }
  // The cost: the quantized graph against the float one, per layer and output.
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<GraphValues> quantized_run, GraphValues::load(graph));
  std::vector<Power> layer_power(layers.size()), output_power(float_outputs.size());
  for (size_t s = 0; s < samples.size(); ++s) {
    if (options.progress) options.progress("accuracy", static_cast<int>(s + 1), static_cast<int>(samples.size()));
    INGOT_RETURN_IF_ERROR(float_run->run(samples[s]));
    INGOT_RETURN_IF_ERROR(quantized_run->run(samples[s]));
    for (size_t i = 0; i < layers.size(); ++i) {
      accumulate(float_run->data(layers[i].reference), quantized_run->data(layers[i].quantized),
                 static_cast<size_t>(num_elements(layers[i].reference->type().shape)), &layer_power[i]);
    }
    for (size_t i = 0; i < float_outputs.size(); ++i) {
      if (!is_f32(float_outputs[i])) continue;
      accumulate(float_run->data(float_outputs[i]), quantized_run->data(graph.outputs()[i]),
                 static_cast<size_t>(num_elements(float_outputs[i]->type().shape)), &output_power[i]);
    }
  }
  nlohmann::ordered_json output_list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < float_outputs.size(); ++i) {
    if (!is_f32(float_outputs[i])) continue;
    output_list.push_back({{"name", graph.outputs()[i]->name()}, {"sqnr_db", sqnr_db(output_power[i].signal, output_power[i].noise)}});
  }
  nlohmann::ordered_json layer_list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < layers.size(); ++i) {
    layer_list.push_back({{"node", layers[i].node},
                          {"op", layers[i].op},
                          {"value", layers[i].value},
                          {"sqnr_db", sqnr_db(layer_power[i].signal, layer_power[i].noise)}});
  }
  (*report)["mode"] = "int8";
  (*report)["observer"] = options.observer;
  (*report)["samples"] = samples.size();
  (*report)["layers"] = layer_list;
  (*report)["outputs"] = output_list;
  return {};
}

}  // namespace

Result<Samples> load_calibration_samples(const std::string& dir, const Graph& graph) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) return Status::invalid(fmt::format("{}: the calibration folder does not exist", dir));
  Samples samples;
  for (size_t i = 0; i < graph.inputs().size(); ++i) {
    const Value* input = graph.inputs()[i];
    const std::string path = (fs::path(dir) / (input->name() + ".npy")).string();
    if (!fs::exists(path)) return Status::invalid(fmt::format("{}: no calibration data for input '{}'", path, input->name()));
    INGOT_ASSIGN_OR_RETURN(HostTensorData data, read_npy(path));
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
  if (samples.empty()) return Status::invalid(fmt::format("{}: no calibration samples (the graph has no inputs)", dir));
  return samples;
}

Pass static_quantization_pass(StaticQuantizationOptions options, nlohmann::ordered_json* report) {
  return {"quantize-static", "int8 post-training quantization from calibration samples (--quantize int8)",
          [options, report](Graph& graph, PassContext& context) { return quantize_static(graph, context, options, report); }};
}

}  // namespace ingot
