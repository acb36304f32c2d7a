// import_model: turns a loaded .pt2 into an ir::Graph. The graph signature
// says which placeholders are user inputs and which are parameters, buffers
// and lifted constants (these become constants); only nodes that a user
// output depends on are converted, so the buffer updates of a program
// exported in training mode are reported and dropped.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "importers/aten/archive_layout.h"
#include "importers/aten/aten_importer.h"
#include "importers/aten/converters.h"
#include "importers/aten/symbol_binding.h"
#include "ir/verifier.h"

namespace ingot::aten {
namespace {

using AK = Argument::Kind;

// "torch.ops.aten.addmm.default" -> "aten.addmm.default"
std::string short_target(const std::string& target) {
  constexpr std::string_view kPrefix = "torch.ops.";
  return target.starts_with(kPrefix) ? target.substr(kPrefix.size()) : target;
}

// Every name an argument reads.
void names_of(const Argument& arg, std::vector<std::string>& out) {
  if ((arg.kind == AK::tensor || arg.kind == AK::sym_int) && !arg.name.empty()) out.push_back(arg.name);
  if (arg.kind == AK::tensors || arg.kind == AK::optional_tensors || arg.kind == AK::sym_ints) {
    for (const std::string& name : arg.names) {
      if (!name.empty()) out.push_back(name);
    }
  }
}

std::string node_label(const ProgramNode& node) {
  std::vector<std::string> names;
  for (const Argument& out : node.outputs) names_of(out, names);
  return names.empty() ? short_target(node.target) : names.front();
}

class GraphBuilder {
 public:
  GraphBuilder(LoadedArchive& loaded, const ImportOptions& options) : loaded_(loaded), options_(options) {}

  Result<ImportResult> build() {
    const Program& program = loaded_.program;
    result_.format = "pt2";
    result_.opset = program.aten_opset;
    result_.producer = fmt::format("torch {} (schema {}.{}{}; {})", program.torch_version, program.schema_major,
                                   program.schema_minor, program.dialect.empty() ? "" : ", " + program.dialect, loaded_.layout);
    result_.warnings = loaded_.warnings;
    model_.graph = &result_.graph;
    model_.program = &program;
    model_.warnings = &result_.warnings;
    INGOT_ASSIGN_OR_RETURN(model_.sym_ints, bind_symbols(program, options_, result_.warnings));
    INGOT_RETURN_IF_ERROR(find_live_names());
    INGOT_RETURN_IF_ERROR(add_inputs());
    for (const ProgramNode& node : program.nodes) {
      const std::string target = short_target(node.target);
      ++result_.source_op_histogram[target];
      if (!is_live(node)) {
        if (!node.outputs.empty()) ++dropped_;
        continue;
      }
      Status status = convert(node, target);
      if (status.ok()) continue;
      std::string context = fmt::format("node '{}' ({}): ", node_label(node), target);
      if (!options_.keep_unmapped || status.kind() != ErrorKind::invalid_input) return status.with_context(context);
      result_.unmapped.push_back({node_label(node), target, status.message()});
      INGOT_RETURN_IF_ERROR(add_unmapped(node, target, status.message()).with_context(context));
    }
    if (dropped_ > 0) {
      result_.warnings.push_back(fmt::format("{} node(s) that no output needs were dropped", dropped_));
    }
    INGOT_RETURN_IF_ERROR(add_outputs());
    INGOT_RETURN_IF_ERROR(verify(result_.graph));
    return std::move(result_);
  }

 private:
  // Names that some user output depends on, walking the nodes backwards.
  Status find_live_names() {
    const Program& program = loaded_.program;
    std::vector<std::string> dropped_outputs;
    for (const OutputSpec& spec : program.output_specs) {
      if (spec.kind == "user_output") {
        std::vector<std::string> names;
        names_of(spec.arg, names);
        model_.used.insert(names.begin(), names.end());
      } else {
        dropped_outputs.push_back(fmt::format("{} of '{}'", spec.kind, spec.target.empty() ? spec.arg.name : spec.target));
      }
    }
    if (!dropped_outputs.empty()) {
      result_.warnings.push_back(fmt::format("the program was exported in training mode; ingot imports it for inference "
                                             "and drops {} ({})", dropped_outputs.size() == 1 ? "this output" : "these outputs",
                                             fmt::join(dropped_outputs, ", ")));
    }
    for (auto it = program.nodes.rbegin(); it != program.nodes.rend(); ++it) {
      if (!is_live(*it)) continue;
      for (const NamedArgument& input : it->inputs) {
        std::vector<std::string> names;
        names_of(input.arg, names);
        model_.used.insert(names.begin(), names.end());
      }
    }
    return {};
  }

  bool is_live(const ProgramNode& node) const {
    std::vector<std::string> names;
    for (const Argument& out : node.outputs) names_of(out, names);
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return model_.used.contains(name); });
  }

  Result<TensorType> placeholder_type(const std::string& name) const {
    auto it = loaded_.program.tensor_values.find(name);
    if (it == loaded_.program.tensor_values.end()) return Status::invalid(fmt::format("input '{}' has no tensor metadata", name));
    const TensorMeta& meta = it->second;
    if (!meta.dtype) {
      return Status::invalid(fmt::format("input '{}' has dtype {}, which is not supported", name, scalar_type_name(meta.scalar_type)));
    }
    TensorType type{*meta.dtype, {}, std::nullopt};
    for (const SymDim& dim : meta.sizes) {
      if (dim.kind == SymDim::Kind::value) {
        type.shape.push_back(dim.value);
        continue;
      }
      auto bound = model_.sym_ints.find(dim.symbol);
      if (bound == model_.sym_ints.end()) return Status::invalid(fmt::format("input '{}' has an unbound size '{}'", name, dim.symbol));
      type.shape.push_back(bound->second);
    }
    INGOT_RETURN_IF_ERROR(checked_num_elements(type.shape).status());
    return type;
  }

  // A parameter, buffer or constant: its tensor from the archive, checked
  // against the placeholder's metadata.
  Status add_weight(const InputSpec& spec) {
    const HostTensor* tensor = nullptr;
    for (const auto* source : {&loaded_.state_dict, &loaded_.constants}) {
      auto it = source->find(spec.target);
      if (it != source->end() && tensor == nullptr) tensor = &it->second;
    }
    const char* kind = spec.kind == InputSpec::Kind::parameter ? "parameter" : spec.kind == InputSpec::Kind::buffer ? "buffer" : "constant";
    if (tensor == nullptr) {
      return Status::invalid(fmt::format("the {} '{}' is missing from the archive's weights", kind, spec.target));
    }
    INGOT_ASSIGN_OR_RETURN(TensorType want, placeholder_type(spec.name));
    if (tensor->type.dtype != want.dtype || tensor->type.shape != want.shape) {
      return Status::invalid(fmt::format("the {} '{}' is {} in the weights but the program expects {}", kind, spec.target,
                                         type_to_string(tensor->type), type_to_string(want)));
    }
    auto data = std::make_shared<const std::vector<uint8_t>>(tensor->bytes);
    model_.tensors[spec.name] = result_.graph.add_constant(spec.target, tensor->type, std::move(data));
    return {};
  }

  Status add_inputs() {
    for (const InputSpec& spec : loaded_.program.input_specs) {
      const bool used = model_.used.contains(spec.name);
      switch (spec.kind) {
        case InputSpec::Kind::user_input: {
          if (spec.user_arg.kind != AK::tensor) {
            if (used) return Status::invalid(fmt::format("user input '{}' is not a tensor; only tensor inputs are supported", spec.name));
            break;
          }
          INGOT_ASSIGN_OR_RETURN(TensorType type, placeholder_type(spec.name));
          model_.tensors[spec.name] = result_.graph.add_input(spec.name, type);
          break;
        }
        case InputSpec::Kind::parameter:
        case InputSpec::Kind::buffer:
        case InputSpec::Kind::tensor_constant:
          if (used) INGOT_RETURN_IF_ERROR(add_weight(spec));
          break;
        case InputSpec::Kind::constant_input:
          if (used && spec.constant.kind == AK::integer) model_.sym_ints[spec.name] = spec.constant.integer;
          else if (used) return Status::invalid(fmt::format("the constant input '{}' is not an int", spec.name));
          break;
        case InputSpec::Kind::custom_obj:
          if (used) return Status::invalid(fmt::format("the custom object input '{}' ({}) is not supported", spec.name, spec.target));
          break;
        case InputSpec::Kind::token:
          if (used) return Status::invalid(fmt::format("the effect token input '{}' is not supported", spec.name));
          break;
      }
    }
    return {};
  }

  Status convert(const ProgramNode& node, const std::string& target) {
    const ConverterEntry* entry = find_converter(target);
    if (entry == nullptr) return Status::invalid(fmt::format("ingot has no mapping for {}", target));
    for (const NamedArgument& input : node.inputs) {
      if (input.arg.kind == AK::other) {
        return Status::invalid(fmt::format("argument '{}' is a {}, which is not supported", input.name, input.arg.name));
      }
    }
    ConvertContext ctx(model_, node, target);
    return entry->convert(ctx);
  }

  // Keeps a node ingot cannot map so that inspection shows the whole graph.
  Status add_unmapped(const ProgramNode& node, const std::string& target, const std::string& reason) {
    std::vector<Value*> inputs;
    for (const NamedArgument& input : node.inputs) {
      std::vector<std::string> names;
      names_of(input.arg, names);
      for (const std::string& name : names) {
        auto it = model_.tensors.find(name);
        if (it != model_.tensors.end()) inputs.push_back(it->second);
      }
    }
    ConvertContext ctx(model_, node, target);
    std::vector<TensorType> types;
    std::vector<std::string> names;
    for (size_t i = 0; i < ctx.num_outputs(); ++i) {
      const Argument* out = ctx.output(i);
      std::string name = out != nullptr && out->kind == AK::tensors ? out->names[i] : out != nullptr ? out->name : "";
      if (ctx.num_outputs() > node.outputs.size()) name = node.outputs[0].names[i];
      if (name.empty() || !loaded_.program.tensor_values.contains(name)) continue;
      Result<TensorType> type = ctx.output_type(i);
      if (!type.ok()) return Status::invalid(fmt::format("{} (and the type of its output '{}' is unknown: {})", reason, name, type.status().message()));
      types.push_back(*type);
      names.push_back(name);
    }
    AttrMap attrs{{"source_op", target}, {"reason", reason}};
    NodeSpec spec{OpKind::unmapped, std::move(inputs), std::move(attrs), node_label(node), target};
    Node* added = result_.graph.add_node(std::move(spec), names, types);
    for (size_t i = 0; i < names.size(); ++i) model_.tensors[names[i]] = added->output(i);
    return {};
  }

  // User outputs keep their program names; one bound to an input, a
  // constant or another output gets a copy.
  Status add_outputs() {
    Graph& ir = result_.graph;
    for (const OutputSpec& spec : loaded_.program.output_specs) {
      if (spec.kind != "user_output") continue;
      if (spec.arg.kind != AK::tensor) {
        return Status::invalid(fmt::format("a user output is not a tensor ({}); only tensor outputs are supported",
                                           spec.arg.kind == AK::none ? "None" : "a scalar or list"));
      }
      auto it = model_.tensors.find(spec.arg.name);
      if (it == model_.tensors.end()) return Status::invalid(fmt::format("output '{}' is never computed", spec.arg.name));
      Value* value = it->second;
      const auto& outputs = ir.outputs();
      bool needs_copy = value->producer() == nullptr || std::find(outputs.begin(), outputs.end(), value) != outputs.end();
      const std::string& name = spec.arg.name;
      if (value->name() != name || needs_copy) {
        Value* holder = ir.find_value(name);
        if (holder != nullptr && (holder != value || needs_copy)) ir.rename(holder, name + "_");
        if (needs_copy) {
          NodeSpec copy{OpKind::copy, {value}, {}, name, std::string(kOutputCopySource)};
          value = ir.add_node(std::move(copy), {name}, {value->type()})->output(0);
        } else {
          ir.rename(value, name);
        }
      }
      ir.add_output(value);
    }
    return {};
  }

  LoadedArchive& loaded_;
  const ImportOptions& options_;
  ImportResult result_;
  ConvertContext::Model model_;
  int dropped_ = 0;
};

}  // namespace

Result<ImportResult> import_model(const std::string& path, const ImportOptions& options) {
  try {
    INGOT_ASSIGN_OR_RETURN(LoadedArchive loaded, load_archive(path));
    GraphBuilder builder(loaded, options);
    Result<ImportResult> result = builder.build();
    if (!result.ok()) return result.status().with_context(path + ": ");
    return result;
  } catch (const std::bad_alloc&) {
    return Status::invalid(path + ": the model needs more memory than is available");
  } catch (const std::exception& error) {
    return Status::internal(fmt::format("{}: unexpected error while importing: {}", path, error.what()));
  }
}

}  // namespace ingot::aten
