#include "compiler/compile.h"

#include <fstream>

#include <fmt/format.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/SHA256.h>

#include "compiler/bundle_writer.h"
#include "compiler/frontend.h"
#include "compiler/evaluate_node.h"
#include "passes/plan_memory.h"
#include "compiler/pipeline.h"
#include "compiler/program_accuracy.h"
#include "compiler/program_needs.h"
#include "compiler/quantize_dynamic.h"
#include "compiler/quantize_static.h"
#include "compiler/runtime_build.h"
#include "compiler/target.h"
#include "emitters/program/program_writer.h"
#include "emitters/report/compile_report.h"
#include "ir/verifier.h"
#include "passes/pass_manager.h"

namespace ingot {
namespace {

Result<std::string> sha256_of_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid(path + ": cannot be read");
  llvm::SHA256 hash;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    hash.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t*>(buffer), static_cast<size_t>(in.gcount())));
  }
  std::string hex;
  for (uint8_t byte : hash.final()) hex += fmt::format("{:02x}", byte);
  return hex;
}

// Kernel selection: each node gets the best kernel the target has for it,
// and the reason when that is not an optimized one (the fallback report).
// A node no kernel implements is an error now, not a load failure on the
// device.
Result<std::vector<KernelChoice>> select_kernels(const Graph& graph, const Target& target, const std::string& path) {
  std::vector<KernelChoice> choices;
  for (const Node* node : graph.nodes()) {
    Result<KernelChoice> choice = target.choose(*node);
    if (!choice.ok()) return choice.status().with_context(path + ": ");
    choices.push_back(std::move(choice).value());
  }
  return choices;
}

// --fail-on-fallback and --max-fallback: CI gates on the fallback report.
Status check_fallback_policy(const nlohmann::ordered_json& report, const CompileOptions& options) {
  int64_t fallback_nodes = 0;
  std::string first;
  for (const auto& node : report["nodes"]) {
    if (!node.contains("fallback_reason")) continue;
    if (fallback_nodes++ == 0) {
      first = fmt::format("node '{}' ({}): {}", node["name"].get<std::string>(), node["op"].get<std::string>(),
                          node["fallback_reason"].get<std::string>());
    }
  }
  if (options.fail_on_fallback && fallback_nodes > 0) {
    return Status(ErrorKind::policy, fmt::format("--fail-on-fallback: {} node(s) fall back to slower kernels, the first "
                                                 "{}",
                                                 fallback_nodes, first));
  }
  const double fallback_percent = 100.0 * (1.0 - report["optimized_mac_share"].get<double>());
  if (options.max_fallback_percent && report["macs"].get<int64_t>() > 0 &&
      fallback_percent > *options.max_fallback_percent) {
    return Status(ErrorKind::policy, fmt::format("--max-fallback {}: {:.1f}% of the MACs run on fallback kernels",
                                                 *options.max_fallback_percent, fallback_percent));
  }
  return {};
}

// --min-sqnr: the final program's outputs (or, where this machine could not
// run it, the quantized graph's) must keep the SQNR asked for. The search
// for layers to keep in float measures the quantize/dequantize graph, which
// the program's fixed-point arithmetic may miss by a little.
Status check_sqnr_policy(const nlohmann::ordered_json& report, const CompileOptions& options) {
  if (!options.min_sqnr_db || !report.contains("quantization")) return {};
  const nlohmann::ordered_json& q = report.at("quantization");
  const bool program_ran = q.contains("program_outputs") && q.at("program_outputs").is_array();
  const nlohmann::ordered_json& outputs = program_ran ? q.at("program_outputs") : q.at("outputs");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const double db = outputs[i].at("sqnr_db").get<double>();
    if (db >= *options.min_sqnr_db) continue;
    std::string graph_db;
    if (program_ran && i < q.at("outputs").size()) {
      graph_db = fmt::format(" (the quantize/dequantize graph, which the search measures: {:.2f} dB)",
                             q.at("outputs")[i].at("sqnr_db").get<double>());
    }
    return Status(ErrorKind::policy,
                  fmt::format("--min-sqnr {}: output '{}' of the {} has {:.2f} dB{}, with {} layer(s) kept in float "
                              "(report.json's quantization lists them)",
                              *options.min_sqnr_db, outputs[i].at("name").get<std::string>(),
                              program_ran ? "program" : "quantized graph", db, graph_db, q.at("kept_float").size()));
  }
  return {};
}

// What the user asked of --quantize must make sense before anything runs.
Status check_quantize_options(const CompileOptions& options) {
  if (options.quantize.empty() && (!options.keep_float.empty() || options.min_sqnr_db)) {
    return Status::usage("--keep-float and --min-sqnr need --quantize int8");
  }
  if (options.quantize == "int8-dynamic" && options.min_sqnr_db) {
    return Status::usage("--min-sqnr needs --quantize int8: int8-dynamic has no samples to measure on");
  }
  if (options.quantize != "int8" && (options.weight_bits != kDefaultWeightBits || options.pair_safe_weights)) {
    return Status::usage("--weight-bits needs --quantize int8");
  }
  if (options.weight_bits != 7 && options.weight_bits != 8) {
    return Status::usage(fmt::format("--weight-bits {}: int8 weights have 7 or 8 bits", options.weight_bits));
  }
  if (options.pair_safe_weights && options.weight_bits != 8) {
    return Status::usage("pair-safe weights are 8-bit weights (7-bit ones always fit)");
  }
  if (options.min_sqnr_db && !(*options.min_sqnr_db >= 0 && *options.min_sqnr_db <= 200)) {
    return Status::usage(fmt::format("--min-sqnr {}: the target must be a number of dB from 0 to 200", *options.min_sqnr_db));
  }
  return {};
}

Result<std::vector<PassRecord>> run_passes(Graph& graph, const Target& target, const CompileOptions& options,
                                           const std::string& path, std::optional<double> search_sqnr_db,
                                           QuantizationRecord* quantization) {
  PassContext context{&target, evaluate_with_reference_kernels, {}};
  PipelineOptions pipeline_options{options.disabled_passes, options.print_ir_after, true, options.print_ir};
  std::vector<Pass> pipeline = default_pipeline();
  if (options.quantize == "int8") {
    // After canonicalize (weights folded, batch norms in the convs), before lower-qdq turns its output into int8 ops.
    StaticQuantizationOptions quantize{options.calibration_dir, options.calibrator, 99.99, options.progress,
                                       options.keep_float, search_sqnr_db, options.weight_bits,
                                       options.pair_safe_weights};
    pipeline.insert(pipeline.begin() + 1, static_quantization_pass(quantize, quantization));
  } else if (options.quantize == "int8-dynamic") {
    pipeline.insert(pipeline.begin() + 1, dynamic_quantization_pass(options.keep_float, &quantization->report));
  }
  Result<std::vector<PassRecord>> records = run_pipeline(graph, pipeline, context, pipeline_options);
  if (!records.ok()) return records.status().with_context(path + ": ");
  return records;
}

Status first_broken_policy(const nlohmann::ordered_json& report, const CompileOptions& options) {
  INGOT_RETURN_IF_ERROR(check_fallback_policy(report, options));
  return check_sqnr_policy(report, options);
}

// The least SQNR of the f32 outputs in a list of {name, sqnr_db}.
double worst_sqnr(const nlohmann::ordered_json& outputs) {
  double worst = 200.0;
  for (const auto& output : outputs) worst = std::min(worst, output.at("sqnr_db").get<double>());
  return worst;
}

// --min-sqnr's search measures the quantize/dequantize graph. When the
// search met its target but the program, computing in fixed point, fell
// short of --min-sqnr while layers could still go back to float: a search
// target above what the graph has now by the program's shortfall, so that
// at least one more layer goes back to float.
std::optional<double> raised_search_target(const nlohmann::ordered_json& report, const CompileOptions& options,
                                           double search) {
  const nlohmann::ordered_json& q = report.at("quantization");
  if (!q.at("program_outputs").is_array() || q.at("layers").empty()) return std::nullopt;
  const double program = worst_sqnr(q.at("program_outputs"));
  const double graph = worst_sqnr(q.at("outputs"));
  if (program >= *options.min_sqnr_db || graph < search) return std::nullopt;
  return graph + (*options.min_sqnr_db - program) + 0.01;
}

Result<CompiledProgram> compile_once(const std::string& model_path, const CompileOptions& options,
                                     const Target* target_ptr, std::optional<double> search_sqnr_db);

}  // namespace

Result<CompiledProgram> compile_program(const std::string& model_path, const CompileOptions& options) {
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> target, Target::named(options.target));
  INGOT_RETURN_IF_ERROR(check_pass_names(default_pipeline(), options.disabled_passes, "--disable-pass"));
  INGOT_RETURN_IF_ERROR(check_pass_names(default_pipeline(), options.print_ir_after, "--print-ir-after"));
  INGOT_RETURN_IF_ERROR(check_quantize_options(options));
  std::optional<double> search = options.min_sqnr_db;
  // At most two more searches: each raises the target by what the program missed.
  for (int attempt = 0;; ++attempt) {
    INGOT_ASSIGN_OR_RETURN(CompiledProgram compiled, compile_once(model_path, options, target.get(), search));
    if (!options.min_sqnr_db || attempt == 2) return compiled;
    std::optional<double> raised = raised_search_target(compiled.report, options, *search);
    if (!raised) return compiled;
    search = raised;
  }
}

namespace {

Result<CompiledProgram> compile_once(const std::string& model_path, const CompileOptions& options,
                                     const Target* target_ptr, std::optional<double> search_sqnr_db) {
  const Target* target = target_ptr;
  INGOT_ASSIGN_OR_RETURN(ImportResult model, import_any(model_path, options.import));
  INGOT_RETURN_IF_ERROR(verify(model.graph).with_context(model_path + ": "));
  const int64_t imported_nodes = static_cast<int64_t>(model.graph.num_nodes());
  QuantizationRecord quantization;
  INGOT_ASSIGN_OR_RETURN(std::vector<PassRecord> passes, run_passes(model.graph, *target, options, model_path, search_sqnr_db, &quantization));
  INGOT_ASSIGN_OR_RETURN(std::vector<KernelChoice> choices, select_kernels(model.graph, *target, model_path));
  INGOT_ASSIGN_OR_RETURN(std::string source_hash, sha256_of_file(model_path));
  MemoryPlan plan = plan_memory(model.graph);
  std::vector<std::string> kernels;
  for (const KernelChoice& choice : choices) kernels.push_back(choice.kernel);
  ProgramSizes sizes;
  CompiledProgram compiled;
  const std::vector<std::string> features = Target::required_features(choices);
  compiled.bytes = write_program(model.graph, kernels, plan, {"ingot 0.1.0", source_hash, target->name(), features}, &sizes);
  CompileReportInput report{model_path, source_hash, target->name(), &model, &choices, &passes, &plan,
                            imported_nodes, sizes};
  compiled.report = compile_report(report);
  if (options.quantize == "int8") {
    INGOT_ASSIGN_OR_RETURN(quantization.report["program_outputs"], program_output_sqnr(compiled.bytes, features, quantization));
    if (options.min_sqnr_db) quantization.report["min_sqnr_db"] = *options.min_sqnr_db;
  }
  if (!options.quantize.empty()) compiled.report["quantization"] = std::move(quantization.report);
  compiled.format = model.format;
  compiled.opset = model.opset;
  compiled.source_op_histogram = model.source_op_histogram;
  compiled.imported_nodes = imported_nodes;
  compiled.nodes = static_cast<int64_t>(model.graph.num_nodes());
  compiled.program_bytes = sizes.total_bytes;
  compiled.constant_bytes = sizes.constant_bytes;
  compiled.arena_bytes = plan.arena_size;
  compiled.arena_lower_bound = plan.lower_bound;
  compiled.arena_naive = plan.naive_size;
  return compiled;
}

}  // namespace

Result<CompileSummary> compile_model(const std::string& model_path, const std::string& out_dir,
                                     const CompileOptions& options) {
  INGOT_ASSIGN_OR_RETURN(CompiledProgram compiled, compile_program(model_path, options));
  std::map<std::string, std::string> files;
  files["model.ingot"] = std::string(compiled.bytes.begin(), compiled.bytes.end());
  files["report.json"] = compiled.report.dump(2) + "\n";
  if (options.emit_runtime) {
    INGOT_ASSIGN_OR_RETURN(ProgramNeeds info, program_needs(compiled.bytes.data(), compiled.bytes.size(), model_path));
    OpSet set;
    INGOT_RETURN_IF_ERROR(add_program(info, model_path, source_model(compiled), &set));
    INGOT_ASSIGN_OR_RETURN(auto project, runtime_project(set, set.target, options.command));
    for (auto& [name, content] : project) files["runtime/" + name] = std::move(content);
  }
  INGOT_RETURN_IF_ERROR(write_bundle(out_dir, files));
  // The bundle is written either way, so that a broken policy can be
  // inspected; the summary says whether it was broken.
  return CompileSummary{out_dir,
                        compiled.imported_nodes,
                        compiled.nodes,
                        compiled.program_bytes,
                        compiled.constant_bytes,
                        compiled.arena_bytes,
                        compiled.arena_lower_bound,
                        compiled.arena_naive,
                        compiled.report,
                        first_broken_policy(compiled.report, options)};
}

OpSetModel source_model(const CompiledProgram& compiled) {
  OpSetModel model{compiled.format, compiled.format == "onnx" ? compiled.opset : 0, {}};
  for (const auto& [op, count] : compiled.source_op_histogram) model.source_ops.insert(op);
  return model;
}

}  // namespace ingot
