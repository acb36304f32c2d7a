// `ingot runtime`: a runtime project of exactly an op list's kernels, and
// with --size-report, what each of them costs in bytes on the target.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "compiler/bundle_writer.h"
#include "compiler/op_lists.h"
#include "compiler/runtime_build.h"
#include "compiler/runtime_size.h"

namespace ingot::cli {

Action add_runtime_command(CLI::App& app) {
  struct Options {
    std::string ops;
    std::string target;
    std::string out_dir;
    bool size_report = false;
    std::optional<uint64_t> max_size;
    bool json = false;
    int jobs = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "runtime",
      "Write a standalone runtime project (CMake, C++17, FlatBuffers headers only) holding the runtime core, exactly "
      "the kernels of an op list, and the runner ingot-run. The folder appears complete or not at all.");
  command->add_option("--ops", options->ops,
                      "the op list: ingot's ops.yaml (`ingot ops`), ExecuTorch's selected_operators.yaml or ONNX "
                      "Runtime's required_operators.config")
      ->required();
  command->add_option("-o,--output", options->out_dir, "the project folder to write")->required();
  command->add_option("--target", options->target,
                      "the target (default: the op list's own; a kernel of another ISA becomes this target's kernel "
                      "of the same op, variant and dtype)");
  command->add_flag("--size-report", options->size_report,
                    "also build the project for the target (-Os, stripped; in DIR/build-size) and print the bytes of "
                    "the core and of each kernel");
  command->add_option("--max-size", options->max_size,
                      "with --size-report: exit 4 when the runtime (core + kernels) is larger than BYTES");
  command->add_flag("--json", options->json, "print the size report as JSON");
  command->add_option("-j,--jobs", options->jobs, "parallel compiles for --size-report (default: the CPUs)")
      ->check(CLI::Range(1, 256));

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    if (options->max_size && !options->size_report) return report_error(Status::usage("--max-size needs --size-report"));
    Result<OpSet> set = read_op_list(options->ops, options->target);
    if (!set.ok()) return report_error(set.status());
    const std::string target = options->target.empty() ? set->target : options->target;
    Result<std::map<std::string, std::string>> files = runtime_project(*set, target, invocation());
    if (!files.ok()) return report_error(files.status());
    // The folder is replaced whole: never a folder of something else.
    std::error_code error;
    const std::filesystem::path out(options->out_dir);
    if (std::filesystem::is_directory(out, error) && !std::filesystem::is_empty(out, error) &&
        !std::filesystem::exists(out / "manifest.txt", error)) {
      return report_error(Status::usage(fmt::format(
          "'{}' exists and is not a runtime project (no manifest.txt); it would be replaced: remove it or name another",
          options->out_dir)));
    }
    if (Status written = write_bundle(options->out_dir, *files); !written.ok()) return report_error(written);
    std::cerr << "wrote " << options->out_dir << ": a runtime of " << set->kernels.size() << " kernels for " << target
              << "\n";
    if (!options->size_report) return 0;
    const int jobs = options->jobs > 0 ? options->jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    Result<RuntimeSizeReport> report = build_and_measure(options->out_dir, target, jobs, [](const std::string& step) {
      std::cerr << "ingot runtime: " << step << "\n";
    });
    if (!report.ok()) return report_error(report.status());
    std::cout << (options->json ? size_report_json(*report).dump(2) + "\n" : size_report_table(*report));
    if (options->max_size && report->runtime_bytes() > *options->max_size) {
      return report_error(Status(ErrorKind::policy, fmt::format("--max-size {}: the runtime is {} bytes", *options->max_size,
                                                                report->runtime_bytes())));
    }
    return 0;
  };
}

}  // namespace ingot::cli
