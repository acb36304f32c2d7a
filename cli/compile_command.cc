#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/shape_arg.h"
#include "compiler/compile.h"
#include "emitters/report/fallback_table.h"
#include "emitters/report/quantization_summary.h"
#include "ir/printer.h"

namespace ingot::cli {

Action add_compile_command(CLI::App& app) {
  struct Options {
    std::string model;
    std::string out_dir;
    std::string target = "portable";
    std::vector<std::string> input_shapes;
    std::vector<std::string> disabled_passes;
    std::vector<std::string> print_ir_after;
    std::string report_format;
    bool fail_on_fallback = false;
    std::optional<double> max_fallback;
    bool emit_runtime = false;
    std::string quantize;
    std::string calibration;
    std::string calibrator = "minmax";
    std::vector<std::string> keep_float;
    std::optional<double> min_sqnr;
    std::string weight_bits = std::to_string(kDefaultWeightBits);
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "compile",
      "Compile a model into a bundle directory: DIR/model.ingot (the program) and DIR/report.json (what was "
      "compiled: nodes, kernels, sizes). The bundle appears complete or not at all; an existing one is replaced "
      "only on success.");
  command->add_option("model", options->model, "the model file (.onnx)")->required();
  command->add_option("-o,--output", options->out_dir, "the bundle directory to write")->required();
  command->add_option("--target", options->target,
                      "the target to compile for: portable (reference kernels, any CPU), x86-64 (AVX2+FMA), "
                      "x86-64-avx512, aarch64 (NEON), aarch64-dotprod (ARMv8.2-A dot product), host (the best this CPU "
                      "has)");
  command->add_option("--input-shape", options->input_shapes,
                      "bind an input's shape, NAME=1x3x224x224 (repeatable); unbound symbolic dims become 1");

  command->add_option("--disable-pass", options->disabled_passes,
                      "skip a pass of the pipeline (repeatable): canonicalize, lower-qdq, decompose, fuse, pack-weights");
  command->add_option("--print-ir-after", options->print_ir_after,
                      "print the IR text to stderr after the pass (repeatable), as `ingot inspect --ir` does, with "
                      "large constants elided");

  command->add_option("--report-format", options->report_format,
                      "also print the fallback report: md (a Markdown table: kernel per node and why it is not an "
                      "optimized one)")
      ->check(CLI::IsMember({"md"}));
  command->add_flag("--fail-on-fallback", options->fail_on_fallback,
                    "exit 4 if any node falls back to a slower kernel (the bundle is still written)");
  command->add_option("--max-fallback", options->max_fallback,
                      "exit 4 if more than PERCENT of the MACs run on fallback kernels (the bundle is still written)")
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("--quantize", options->quantize,
                      "int8: static post-training quantization (u8 activations per tensor, i8 weights per channel, "
                      "fixed-point requantization) calibrated on --calibration; report.json gives the SQNR per layer "
                      "and per output. int8-dynamic: matmuls with constant weights get i8 weights per column and "
                      "quantize their input on every call (transformers; no calibration)")
      ->check(CLI::IsMember({"int8", "int8-dynamic"}));
  command->add_option("--calibration", options->calibration,
                      "the calibration set of --quantize: a folder of NAME.npy per model input, or an .npz "
                      "archive of arrays named after the inputs; each one input or a stack of samples along a new "
                      "leading axis");
  command->add_option("--calibrator", options->calibrator,
                      "how --quantize picks each tensor's range: minmax (default), or percentile (99.99th of each "
                      "sample, averaged)")
      ->check(CLI::IsMember({"minmax", "percentile"}));
  command->add_option("--keep-float", options->keep_float,
                      "with --quantize: nodes that stay float, NODE,NODE,... (repeatable; the names report.json's "
                      "quantization layers give)")
      ->delimiter(',');
  command->add_option("--min-sqnr", options->min_sqnr,
                      "with --quantize: the least SQNR in dB every output must keep; the quantized layers with the "
                      "lowest SQNR go back to float one at a time until it is met; exit 4 if it cannot be (the bundle "
                      "is still written)");
  command->add_option("--weight-bits", options->weight_bits,
                      "with --quantize: the bits of the int8 weights, 8 ([-127, 127] per channel), 7 ([-63, 63]: "
                      "the convs run on x86's u8 x i8 GEMM, faster, for 4-6 dB of SQNR) or 8-pair-safe (8 bits but "
                      "for the rare pairs of conv weights that could saturate that GEMM, moved to the nearest that "
                      "fit, or per channel a coarser grid where that costs less: the same GEMM for 0.8-4.7 dB on the "
                      "zoo); the same program on every target")
      ->check(CLI::IsMember({"7", "8", "8-pair-safe"}));
  command->add_flag("--emit-runtime", options->emit_runtime,
                    "also write DIR/runtime/: a standalone runtime project (CMake, C++17) with exactly the kernels "
                    "this program calls, and ingot-run (its README says how to build it)");

  return [options, command]() -> int {
    if (!command->parsed()) return -1;
    Result<std::map<std::string, Shape>> shapes = parse_input_shapes(options->input_shapes);
    if (!shapes.ok()) return report_error(shapes.status());
    CompileOptions compile;
    compile.import.input_shapes = std::move(shapes).value();
    compile.target = options->target;
    compile.disabled_passes = {options->disabled_passes.begin(), options->disabled_passes.end()};
    compile.print_ir_after = {options->print_ir_after.begin(), options->print_ir_after.end()};
    compile.fail_on_fallback = options->fail_on_fallback;
    compile.max_fallback_percent = options->max_fallback;
    compile.emit_runtime = options->emit_runtime;
    if ((options->quantize == "int8") != !options->calibration.empty()) {
      return report_error(Status::usage("--quantize int8 and --calibration DIR go together (int8-dynamic takes none)"));
    }
    compile.quantize = options->quantize;
    compile.calibration_dir = options->calibration;
    compile.calibrator = options->calibrator;
    compile.keep_float = options->keep_float;
    compile.min_sqnr_db = options->min_sqnr;
    compile.pair_safe_weights = options->weight_bits == "8-pair-safe";
    compile.weight_bits = options->weight_bits == "7" ? 7 : 8;
    compile.progress = [](const char* what, int sample, int samples) {
      std::cerr << "ingot: " << what << " sample " << sample << "/" << samples << "\n";
    };
    compile.command = invocation();
    compile.print_ir = [](const std::string& pass, const Graph& graph) {
      PrintOptions print;
      print.elide_large_constants = true;
      std::cerr << "// IR after " << pass << "\n" << print_graph(graph, print);
    };
    Result<CompileSummary> summary = compile_model(options->model, options->out_dir, compile);
    if (!summary.ok()) return report_error(summary.status());
    std::cout << "compiled " << options->model << " -> " << summary->bundle_dir << "/model.ingot ("
              << summary->imported_nodes << " nodes imported, " << summary->nodes << " after passes; program "
              << summary->program_bytes << " bytes, constants " << summary->constant_bytes << " bytes, arena "
              << summary->arena_bytes << " bytes)\n";
    if (summary->report.contains("quantization")) std::cout << quantization_summary(summary->report["quantization"]);
    if (options->report_format == "md") std::cout << "\n" << fallback_table_markdown(summary->report);
    if (!summary->policy.ok()) return report_error(summary->policy);
    return 0;
  };
}

}  // namespace ingot::cli
