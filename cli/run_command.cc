#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "compiler/run_program.h"

namespace ingot::cli {

Action add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run a compiled program on inputs from .npy or ONNX TensorProto .pb files; write each output as "
      "DIR/<output name>.npy. With --repeat, time run() alone (not the load) and print the median and p90.");
  command->add_option("program", options->program, "model.ingot, or the bundle directory holding it")->required();
  command->add_option("--input", options->inputs, "NAME=FILE (.npy or .pb), one per program input (repeatable)");
  command->add_option("--output-dir", options->output_dir, "where to write the outputs as .npy");
  command->add_option("--repeat", options->repeat, "timed runs (0: none)")->check(CLI::NonNegativeNumber);
  command->add_option("--warmup", options->warmup, "untimed runs before the timed ones")->check(CLI::NonNegativeNumber);
  command->add_option("--threads", options->threads,
                      "threads the runtime runs on, this one included; the pool is made once, at load")
      ->check(CLI::Range(1, 256));
  command->add_flag("--json", options->json, "print the timing as JSON");
  command->add_option("--profile", options->profile,
                      "with --repeat N: time every node over N more runs; print the time per kernel and the given number of "
                      "slowest nodes")
      ->check(CLI::NonNegativeNumber);

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<std::string> printed = run_program(*options);
    if (!printed.ok()) return report_error(printed.status());
    std::cout << *printed;
    return 0;
  };
}

}  // namespace ingot::cli
