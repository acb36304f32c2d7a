// `ingot check`: will this program load on that runtime build?
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "compiler/runtime_check.h"

namespace ingot::cli {

Action add_check_command(CLI::App& app) {
  struct Options {
    std::string program;
    std::string runtime;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Say before shipping whether a compiled program will load on a runtime build, naming every kernel, CPU feature "
      "or dtype it lacks. Exit 0: it loads; 4: it will not.");
  command->add_option("program", options->program, "model.ingot, or the bundle folder holding it")->required();
  command->add_option("--runtime", options->runtime,
                      "the runtime: its manifest.txt (`ingot runtime`, `ingot compile --emit-runtime`), or a binary "
                      "or static library built with it (ingot-run, an app, libingot_runtime.a)")
      ->required();
  command->add_flag("--json", options->json, "print the verdict as JSON");

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<RuntimeCheck> check = check_program(options->program, options->runtime);
    if (!check.ok()) return report_error(check.status());
    std::cout << (options->json ? check_json(*check).dump(2) + "\n" : check_text(*check));
    return check->loads() ? 0 : static_cast<int>(ErrorKind::policy);
  };
}

}  // namespace ingot::cli
