// The `ingot` command. Exit codes are stable (docs/cli.md): 0 ok, 1 usage,
// 2 invalid or unsupported input, 3 internal error, 4 policy broken.
#include <iostream>

#include "cli/commands.h"
#include "ir/status.h"

namespace ingot::cli {

namespace {
std::string command_line;
}  // namespace

const std::string& invocation() { return command_line; }

int report_error(const Status& status) {
  std::cerr << "ingot: error: " << status.message() << "\n";
  return status.exit_code();
}

}  // namespace ingot::cli

int main(int argc, char** argv) {
  using namespace ingot::cli;
  CLI::App app("ingot: an ahead-of-time compiler for ML models on edge CPUs", "ingot");
  app.set_version_flag("--version", "ingot 0.1.0");
  app.require_subcommand(1);
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(i ? argv[i] : "ingot");
  std::vector<Action> actions = {add_compile_command(app), add_run_command(app), add_inspect_command(app),
                                 add_ops_command(app),     add_runtime_command(app), add_check_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(ingot::ErrorKind::usage);
  }
  try {
    for (const Action& action : actions) {
      int code = action();
      if (code >= 0) return code;
    }
  } catch (const std::exception& error) {
    std::cerr << "ingot: internal error: " << error.what() << "\n";
    return static_cast<int>(ingot::ErrorKind::internal);
  }
  return static_cast<int>(ingot::ErrorKind::usage);
}
