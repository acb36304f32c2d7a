// One function per subcommand: it adds its options to the parser and returns
// the action to run once parsing succeeded. The action returns the exit code.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "ir/status.h"

namespace ingot::cli {

using Action = std::function<int()>;

Action add_inspect_command(CLI::App& app);
Action add_compile_command(CLI::App& app);
Action add_run_command(CLI::App& app);
Action add_ops_command(CLI::App& app);
Action add_runtime_command(CLI::App& app);
Action add_check_command(CLI::App& app);

// The command line ingot was called with, for the headers of generated files.
const std::string& invocation();

// Prints "ingot: error: ..." and returns the status's exit code.
int report_error(const Status& status);

}  // namespace ingot::cli
