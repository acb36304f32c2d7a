#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/shape_arg.h"
#include "compiler/inspect.h"

namespace ingot::cli {

Action add_inspect_command(CLI::App& app) {
  struct Options {
    std::string model;
    bool json = false;
    bool ir = false;
    bool dot = false;
    std::vector<std::string> input_shapes;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Describe a model: inputs and outputs, op histograms (source and core ops), parameters, MACs, and the ops "
      "ingot cannot map. Unmappable ops are reported, not fatal.");
  command->add_option("model", options->model, "the model file (.onnx)")->required();
  auto* json = command->add_flag("--json", options->json, "print JSON (schema: docs/inspect-json.md)");
  auto* ir = command->add_flag("--ir", options->ir, "print the imported graph in ingot's IR text form");
  auto* dot = command->add_flag("--dot", options->dot, "print the graph as Graphviz dot");
  json->excludes(ir)->excludes(dot);
  ir->excludes(dot);
  command->add_option("--input-shape", options->input_shapes,
                      "bind an input's shape, NAME=1x3x224x224 (repeatable); unbound symbolic dims become 1");

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<std::map<std::string, Shape>> shapes = parse_input_shapes(options->input_shapes);
    if (!shapes.ok()) return report_error(shapes.status());
    InspectFormat format = options->json ? InspectFormat::json
                           : options->ir ? InspectFormat::ir
                           : options->dot ? InspectFormat::dot
                                          : InspectFormat::text;
    ImportOptions import;
    import.input_shapes = std::move(shapes).value();
    Result<std::string> text = inspect_model(options->model, import, format);
    if (!text.ok()) return report_error(text.status());
    std::cout << *text;
    return 0;
  };
}

}  // namespace ingot::cli
