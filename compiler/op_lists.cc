#include "compiler/op_lists.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "compiler/program_needs.h"
#include "compiler/source_op_list.h"
#include "compiler/target.h"

namespace ingot {
namespace {

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid(fmt::format("{}: cannot be read", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<OpListFormat> parse_op_list_format(const std::string& name) {
  if (name == "ingot") return OpListFormat::ingot;
  if (name == "executorch") return OpListFormat::executorch;
  if (name == "onnxruntime") return OpListFormat::onnxruntime;
  return Status::usage(fmt::format("unknown op list format '{}' (ingot, executorch, onnxruntime)", name));
}

Result<OpSet> op_set_of(const std::vector<std::string>& paths, const CompileOptions& options,
                        const std::function<void(size_t index, const std::string& path)>& progress) {
  OpSet set;
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> target, Target::named(options.target));
  set.target = target->name();  // what `host` resolved to
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    const std::string name = std::filesystem::path(path).filename().string();
    if (set.models.count(name)) return Status::usage(fmt::format("two models named '{}'", name));
    if (progress) progress(i, path);
    if (is_program_path(path)) {
      INGOT_ASSIGN_OR_RETURN(ProgramNeeds needs, read_program_needs(path));
      OpSetModel model{"program", 0, {}};
      for (const ProgramKernelUse& use : needs.kernels) model.source_ops.insert(use.source_ops.begin(), use.source_ops.end());
      INGOT_RETURN_IF_ERROR(add_program(needs, name, model, &set));
      continue;
    }
    INGOT_ASSIGN_OR_RETURN(CompiledProgram compiled, compile_program(path, options));
    INGOT_ASSIGN_OR_RETURN(ProgramNeeds needs, program_needs(compiled.bytes.data(), compiled.bytes.size(), path));
    INGOT_RETURN_IF_ERROR(add_program(needs, name, source_model(compiled), &set));
  }
  return set;
}

Result<OpSet> read_op_list(const std::string& path, const std::string& target) {
  INGOT_ASSIGN_OR_RETURN(std::string text, read_text(path));
  if (text.find("format: ingot-ops") != std::string::npos) return parse_op_set_yaml(text, path);
  if (target.empty()) {
    return Status::usage(fmt::format("{} is a framework's op list: say which target its kernels are for (--target)", path));
  }
  const bool yaml = text.find("operators:") != std::string::npos;
  INGOT_ASSIGN_OR_RETURN(SourceOpList list, yaml ? parse_executorch_yaml(text, path) : parse_onnxruntime_config(text, path));
  return kernels_for_source_ops(list, target);
}

Result<std::string> write_op_list(const OpSet& set, OpListFormat format) {
  switch (format) {
    case OpListFormat::ingot: return op_set_yaml(set, "ingot 0.1.0");
    case OpListFormat::executorch: return executorch_yaml(set);
    case OpListFormat::onnxruntime: return onnxruntime_config(set);
  }
  return Status::internal("unknown op list format");
}

}  // namespace ingot
