// import_model: turns a loaded ModelProto into an ir::Graph, one ONNX node at
// a time, through the converter tables of map_*.cc.
#include <algorithm>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "importers/onnx/converters.h"
#include "importers/onnx/model_loader.h"
#include "importers/onnx/tensor_proto.h"
#include "ir/verifier.h"

namespace ingot::onnx_import {
namespace {

// A static type from an ONNX TypeProto, or nullopt (unknown dims, non-tensor,
// unsupported dtype).
std::optional<TensorType> static_type(const onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return std::nullopt;
  std::optional<DType> dtype = dtype_from_onnx(type.tensor_type().elem_type());
  if (!dtype) return std::nullopt;
  TensorType result{*dtype, {}, std::nullopt};
  for (const auto& dim : type.tensor_type().shape().dim()) {
    if (!dim.has_dim_value() || dim.dim_value() < 0) return std::nullopt;
    result.shape.push_back(dim.dim_value());
  }
  return result;
}

std::string op_label(const onnx::NodeProto& node) {
  return node.domain().empty() || node.domain() == "ai.onnx" ? node.op_type() : node.domain() + ":" + node.op_type();
}

class GraphBuilder {
 public:
  GraphBuilder(LoadedModel& loaded, const std::string& path, const ImportOptions& options)
      : loaded_(loaded), model_dir_(std::filesystem::path(path).parent_path()), options_(options) {}

  Result<ImportResult> build() {
    const onnx::GraphProto& graph = loaded_.proto.graph();
    result_.format = "onnx";
    result_.opset = loaded_.opset;
    result_.producer = loaded_.proto.producer_name();
    if (!loaded_.proto.producer_version().empty()) result_.producer += " " + loaded_.proto.producer_version();
    result_.warnings = loaded_.warnings;
    result_.graph.name = graph.name().empty() ? "main" : graph.name();
    model_.graph = &result_.graph;
    model_.opset = loaded_.opset;
    model_.shape_data = loaded_.shape_data;
    model_.evaluate = options_.evaluate;
    collect_inferred_types(graph);
    INGOT_RETURN_IF_ERROR(add_initializers(graph));
    INGOT_RETURN_IF_ERROR(add_inputs(graph));
    for (const onnx::NodeProto& node : graph.node()) {
      ++result_.source_op_histogram[op_label(node)];
      Status status = convert(node);
      if (status.ok()) continue;
      std::string context = fmt::format("node '{}' ({}): ", node.name(), op_label(node));
      if (!options_.keep_unmapped || status.kind() != ErrorKind::invalid_input) return status.with_context(context);
      result_.unmapped.push_back({node.name(), op_label(node), status.message()});
      INGOT_RETURN_IF_ERROR(add_unmapped(node, status.message()).with_context(context));
    }
    INGOT_RETURN_IF_ERROR(add_outputs(graph));
    INGOT_RETURN_IF_ERROR(verify(result_.graph));
    return std::move(result_);
  }

 private:
  void collect_inferred_types(const onnx::GraphProto& graph) {
    auto add = [&](const onnx::ValueInfoProto& info) {
      if (auto type = static_type(info.type())) model_.inferred_types[info.name()] = *type;
    };
    for (const auto& info : graph.input()) add(info);
    for (const auto& info : graph.value_info()) add(info);
    for (const auto& info : graph.output()) add(info);
  }

  Status add_initializers(const onnx::GraphProto& graph) {
    for (const onnx::TensorProto& init : graph.initializer()) {
      INGOT_RETURN_IF_ERROR(add_constant(init.name(), init));
    }
    return {};
  }

  Status add_constant(const std::string& name, const onnx::TensorProto& proto) {
    Result<HostTensor> tensor = tensor_from_proto(proto, model_dir_);
    if (!tensor.ok()) return tensor.status();
    auto data = std::make_shared<const std::vector<uint8_t>>(std::move(tensor->bytes));
    model_.values[name] = result_.graph.add_constant(name, tensor->type, std::move(data));
    return {};
  }

  Status add_inputs(const onnx::GraphProto& graph) {
    for (const onnx::ValueInfoProto& input : graph.input()) {
      if (model_.values.contains(input.name())) continue;  // an initializer with a default
      if (input.type().has_tensor_type() && !dtype_from_onnx(input.type().tensor_type().elem_type())) {
        return Status::invalid(fmt::format("input '{}' has unsupported element type {}", input.name(),
                                           onnx_elem_type_name(input.type().tensor_type().elem_type())));
      }
      std::optional<TensorType> type = static_type(input.type());
      if (!type) return Status::invalid(fmt::format("input '{}' is not a tensor with a static shape", input.name()));
      model_.values[input.name()] = result_.graph.add_input(input.name(), *type);
    }
    return {};
  }

  Status convert(const onnx::NodeProto& node) {
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      return Status::invalid(fmt::format("ops of domain '{}' are not supported", node.domain()));
    }
    if (node.op_type() == "Constant") return convert_constant(node);
    const ConverterEntry* entry = find_converter(node.op_type());
    if (entry == nullptr) return Status::invalid(fmt::format("ingot has no mapping for ONNX op {}", node.op_type()));
    for (int i = 0; i < node.input_size(); ++i) {
      if (!node.input(i).empty() && !model_.values.contains(node.input(i))) {
        return Status::invalid(fmt::format("input '{}' is not defined", node.input(i)));
      }
    }
    ConvertContext ctx(model_, node);
    return entry->convert(ctx);
  }

  Status convert_constant(const onnx::NodeProto& node) {
    if (node.attribute_size() != 1) return Status::invalid("a Constant needs exactly one value attribute");
    const onnx::AttributeProto& attr = node.attribute(0);
    onnx::TensorProto tensor;
    if (attr.name() == "value") {
      tensor = attr.t();
    } else if (attr.name() == "value_float" || attr.name() == "value_floats") {
      tensor.set_data_type(onnx::TensorProto::FLOAT);
      if (attr.name() == "value_float") tensor.add_float_data(attr.f());
      for (float f : attr.floats()) tensor.add_float_data(f);
      if (attr.name() == "value_floats") tensor.add_dims(attr.floats_size());
    } else if (attr.name() == "value_int" || attr.name() == "value_ints") {
      tensor.set_data_type(onnx::TensorProto::INT64);
      if (attr.name() == "value_int") tensor.add_int64_data(attr.i());
      for (int64_t i : attr.ints()) tensor.add_int64_data(i);
      if (attr.name() == "value_ints") tensor.add_dims(attr.ints_size());
    } else {
      return Status::invalid(fmt::format("Constant attribute '{}' is not supported", attr.name()));
    }
    tensor.set_name(node.output(0));
    return add_constant(node.output(0), tensor);
  }

  // Keeps a node ingot cannot map so that inspection shows the whole graph.
  Status add_unmapped(const onnx::NodeProto& node, const std::string& reason) {
    std::vector<Value*> inputs;
    for (const std::string& name : node.input()) {
      auto it = model_.values.find(name);
      inputs.push_back(name.empty() || it == model_.values.end() ? nullptr : it->second);
    }
    std::vector<TensorType> types;
    std::vector<std::string> names;
    for (const std::string& name : node.output()) {
      if (name.empty()) continue;
      auto it = model_.inferred_types.find(name);
      if (it == model_.inferred_types.end()) {
        return Status::invalid(fmt::format("{} (and the shape of its output '{}' cannot be inferred)", reason, name));
      }
      types.push_back(it->second);
      names.push_back(name);
    }
    AttrMap attrs{{"source_op", op_label(node)}, {"reason", reason}};
    NodeSpec spec{OpKind::unmapped, std::move(inputs), std::move(attrs), node.name(), "onnx:" + op_label(node)};
    Node* added = result_.graph.add_node(std::move(spec), names, types);
    for (size_t i = 0; i < names.size(); ++i) model_.values[names[i]] = added->output(i);
    return {};
  }

  // Graph outputs keep their ONNX names. An output bound to a value that
  // cannot take the name (an input, a constant, another output) gets a copy;
  // an intermediate that took the name first gives it up.
  Status add_outputs(const onnx::GraphProto& graph) {
    Graph& ir = result_.graph;
    for (const onnx::ValueInfoProto& output : graph.output()) {
      auto it = model_.values.find(output.name());
      if (it == model_.values.end()) return Status::invalid(fmt::format("output '{}' is never computed", output.name()));
      Value* value = it->second;
      const auto& outputs = ir.outputs();
      bool needs_copy = value->producer() == nullptr || std::find(outputs.begin(), outputs.end(), value) != outputs.end();
      if (value->name() != output.name() || needs_copy) {
        Value* holder = ir.find_value(output.name());
        if (holder != nullptr && (holder != value || needs_copy)) ir.rename(holder, output.name() + "_");
        if (needs_copy) {
          NodeSpec spec{OpKind::copy, {value}, {}, output.name(), std::string(kOutputCopySource)};
          value = ir.add_node(std::move(spec), {output.name()}, {value->type()})->output(0);
        } else {
          ir.rename(value, output.name());
        }
      }
      ir.add_output(value);
    }
    return {};
  }

  LoadedModel& loaded_;
  std::filesystem::path model_dir_;
  const ImportOptions& options_;
  ImportResult result_;
  ConvertContext::Model model_;
};

}  // namespace

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options) {
  try {
    Result<LoadedModel> loaded = load_model(path, options);
    if (!loaded.ok()) return loaded.status().with_context(path + ": ");
    GraphBuilder builder(loaded.value(), path, options);
    Result<ImportResult> result = builder.build();
    if (!result.ok()) return result.status().with_context(path + ": ");
    return result;
  } catch (const std::bad_alloc&) {
    return Status::invalid(path + ": the model needs more memory than is available");
  } catch (const std::exception& error) {
    return Status::internal(fmt::format("{}: unexpected error while importing: {}", path, error.what()));
  }
}

}  // namespace ingot::onnx_import
