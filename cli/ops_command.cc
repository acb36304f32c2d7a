// `ingot ops`: the op list of an app release, from its models or programs.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/shape_arg.h"
#include "compiler/bundle_writer.h"
#include "compiler/op_lists.h"

namespace ingot::cli {

Action add_ops_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> models;
    std::string output;
    std::string target = "host";
    std::string format = "ingot";
    std::vector<std::string> input_shapes;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "ops",
      "Write the op list of a release: the union over its models of the kernels (op, variant, dtype) they need on a "
      "target, with the models and source ops behind each. Models are compiled in memory; compiled programs "
      "(model.ingot or bundle folders) are read. `ingot runtime --ops FILE` then writes a runtime of exactly "
      "these kernels.");
  command->add_option("models", options->models, "models (.onnx, .pt2) and compiled programs")->required();
  command->add_option("-o,--output", options->output, "the op list to write")->required();
  command->add_option("--target", options->target,
                      "the target the models are compiled for (as in `ingot compile`; programs keep their own, "
                      "which must be this one)");
  command->add_option("--format", options->format,
                      "ingot (ops.yaml: kernels), executorch (selected_operators.yaml: the .pt2 models' ATen ops) or "
                      "onnxruntime (required_operators.config: the ONNX models' ops)")
      ->check(CLI::IsMember({"ingot", "executorch", "onnxruntime"}));
  command->add_option("--input-shape", options->input_shapes, "bind an input's shape, NAME=1x3x224x224 (repeatable)");

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<std::map<std::string, Shape>> shapes = parse_input_shapes(options->input_shapes);
    if (!shapes.ok()) return report_error(shapes.status());
    Result<OpListFormat> format = parse_op_list_format(options->format);
    if (!format.ok()) return report_error(format.status());
    CompileOptions compile;
    compile.import.input_shapes = std::move(shapes).value();
    compile.target = options->target;
    const size_t count = options->models.size();
    Result<OpSet> set = op_set_of(options->models, compile, [count](size_t index, const std::string& path) {
      std::cerr << "[" << index + 1 << "/" << count << "] " << path << "\n";
    });
    if (!set.ok()) return report_error(set.status());
    Result<std::string> text = write_op_list(*set, *format);
    if (!text.ok()) return report_error(text.status());
    if (Status written = write_file_atomically(options->output, *text); !written.ok()) return report_error(written);
    std::cout << "wrote " << options->output << ": " << set->kernels.size() << " kernels of " << set->models.size()
              << " model(s) for " << set->target << "\n";
    return 0;
  };
}

}  // namespace ingot::cli
