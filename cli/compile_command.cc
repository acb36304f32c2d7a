#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/shape_arg.h"
#include "compiler/compile.h"

namespace ingot::cli {

Action add_compile_command(CLI::App& app) {
  struct Options {
    std::string model;
    std::string out_dir;
    std::string target = "portable";
    std::vector<std::string> input_shapes;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "compile",
      "Compile a model into a bundle directory: DIR/model.ingot (the program) and DIR/report.json (what was "
      "compiled: nodes, kernels, sizes). The bundle appears complete or not at all; an existing one is replaced "
      "only on success.");
  command->add_option("model", options->model, "the model file (.onnx)")->required();
  command->add_option("-o,--output", options->out_dir, "the bundle directory to write")->required();
  command->add_option("--target", options->target, "the target to compile for (portable)");
  command->add_option("--input-shape", options->input_shapes,
                      "bind an input's shape, NAME=1x3x224x224 (repeatable); unbound symbolic dims become 1");

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<std::map<std::string, Shape>> shapes = parse_input_shapes(options->input_shapes);
    if (!shapes.ok()) return report_error(shapes.status());
    CompileOptions compile;
    compile.import.input_shapes = std::move(shapes).value();
    compile.target = options->target;
    Result<CompileSummary> summary = compile_model(options->model, options->out_dir, compile);
    if (!summary.ok()) return report_error(summary.status());
    std::cout << "compiled " << options->model << " -> " << summary->bundle_dir << "/model.ingot (" << summary->nodes
              << " nodes, program " << summary->program_bytes << " bytes, constants " << summary->constant_bytes
              << " bytes, arena " << summary->arena_bytes << " bytes)\n";
    return 0;
  };
}

}  // namespace ingot::cli
