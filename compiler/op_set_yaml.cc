// ingot's op list format (docs/runtimes.md), read and written with yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "compiler/op_set.h"

namespace ingot {
namespace {

constexpr const char* kFormat = "ingot-ops";
constexpr int kVersion = 1;

void emit_list(YAML::Emitter& out, const char* key, const std::set<std::string>& values) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& value : values) out << value;
  out << YAML::EndSeq;
}

std::set<std::string> string_set(const YAML::Node& node, const std::string& what) {
  std::set<std::string> values;
  if (!node) return values;
  if (!node.IsSequence()) throw YAML::ParserException(node.Mark(), what + " must be a list");
  for (const YAML::Node& item : node) values.insert(item.as<std::string>());
  return values;
}

}  // namespace

std::string op_set_yaml(const OpSet& set, const std::string& producer) {
  YAML::Emitter out;
  out << YAML::Comment(fmt::format("The kernels these models need on {}; written by {} (ingot ops).\n"
                                   "`ingot runtime --ops FILE` writes a runtime of exactly these. docs/runtimes.md",
                                   set.target, producer));
  out << YAML::BeginMap;
  out << YAML::Key << "format" << YAML::Value << kFormat << YAML::Key << "version" << YAML::Value << kVersion;
  out << YAML::Key << "target" << YAML::Value << set.target;
  emit_list(out, "dtypes", set.dtypes);
  out << YAML::Key << "models" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, model] : set.models) {
    out << YAML::Key << name << YAML::Value << YAML::BeginMap << YAML::Key << "format" << YAML::Value << model.format;
    if (model.opset > 0) out << YAML::Key << "opset" << YAML::Value << model.opset;
    emit_list(out, "source_ops", model.source_ops);
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::Key << "kernels" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, kernel] : set.kernels) {
    const KernelName parts = parse_kernel_name(name).value();
    out << YAML::Key << name << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "op" << YAML::Value << parts.op << YAML::Key << "variant" << YAML::Value << parts.variant;
    emit_list(out, "dtypes", kernel.dtypes);
    emit_list(out, "models", kernel.models);
    emit_list(out, "source_ops", kernel.source_ops);
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

Result<OpSet> parse_op_set_yaml(const std::string& text, const std::string& file) {
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap() || !root["format"] || root["format"].as<std::string>() != kFormat) {
      return Status::invalid(fmt::format("{}: not an ingot op set (no 'format: {}')", file, kFormat));
    }
    if (root["version"].as<int>(0) > kVersion) {
      return Status::invalid(fmt::format("{}: op set version {}; this ingot reads {}", file,
                                         root["version"].as<int>(), kVersion));
    }
    OpSet set;
    set.target = root["target"].as<std::string>("");
    set.dtypes = string_set(root["dtypes"], "dtypes");
    for (const auto& entry : root["models"]) {
      OpSetModel& model = set.models[entry.first.as<std::string>()];
      model.format = entry.second["format"].as<std::string>("");
      model.opset = entry.second["opset"].as<int64_t>(0);
      model.source_ops = string_set(entry.second["source_ops"], "source_ops");
    }
    for (const auto& entry : root["kernels"]) {
      const std::string name = entry.first.as<std::string>();
      INGOT_RETURN_IF_ERROR(parse_kernel_name(name).status().with_context(file + ": "));
      OpSetKernel& kernel = set.kernels[name];
      kernel.dtypes = string_set(entry.second["dtypes"], "dtypes");
      kernel.models = string_set(entry.second["models"], "models");
      kernel.source_ops = string_set(entry.second["source_ops"], "source_ops");
    }
    if (set.target.empty()) return Status::invalid(fmt::format("{}: the op set names no target", file));
    return set;
  } catch (const YAML::Exception& error) {
    return Status::invalid(fmt::format("{}: line {}: {}", file, error.mark.line + 1, error.msg));
  }
}

}  // namespace ingot
