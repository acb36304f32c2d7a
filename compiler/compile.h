// `ingot compile`: model file in, program bundle out (DIR/model.ingot and
// DIR/report.json), written to a temporary directory and moved into place
// only when complete.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/op_set.h"
#include "ir/imported_model.h"
#include "ir/status.h"

namespace ingot {

inline constexpr int kDefaultWeightBits = 8;  // --weight-bits (CompileOptions::weight_bits)

struct CompileOptions {
  ImportOptions import;
  std::string target = "portable";
  std::set<std::string> disabled_passes;
  std::set<std::string> print_ir_after;
  // Receives the IR after each pass in print_ir_after.
  std::function<void(const std::string& pass, const Graph& graph)> print_ir;
  // Policies: checked after the bundle is written (CompileSummary::policy).
  bool fail_on_fallback = false;
  std::optional<double> max_fallback_percent;
  // Also write DIR/runtime/: a runtime project of exactly the program's
  // kernels (runtime_build.h).
  bool emit_runtime = false;
  // "int8": static PTQ (compiler/quantize_static.h); "int8-dynamic": dynamic
  // quantization of matmuls (compiler/quantize_dynamic.h); empty for none.
  std::string quantize;
  std::string calibration_dir;
  std::string calibrator = "minmax";
  // Nodes that stay float (--keep-float), and the least output SQNR in dB
  // (--min-sqnr): layers go back to float until it is met; a policy
  // (CompileSummary::policy) when even that does not meet it.
  std::vector<std::string> keep_float;
  std::optional<double> min_sqnr_db;
  // The bits of int8 weights (--weight-bits): 8 ([-127, 127]) or 7 ([-63,
  // 63], which the fastest x86 int8 GEMM needs: weight_quantization.h).
  int weight_bits = kDefaultWeightBits;
  // With 8 bits: move the rare pairs of conv weights that could saturate
  // x86's vpmaddubsw to the nearest that fit, so that every conv runs on the
  // u8 x i8 GEMM (`--weight-bits 8-pair-safe`: weight_pair_fit.h).
  bool pair_safe_weights = false;
  // Told before each calibration and accuracy run: (what, sample, samples).
  std::function<void(const char*, int, int)> progress;
  std::string command;  // the command line, for the generated files' headers
};

// A program compiled in memory, with what the model said about itself.
struct CompiledProgram {
  std::vector<uint8_t> bytes;  // model.ingot
  nlohmann::ordered_json report;
  std::string format;  // "onnx", "pt2"
  int64_t opset = 0;
  std::map<std::string, int64_t> source_op_histogram;
  int64_t imported_nodes = 0;
  int64_t nodes = 0;
  uint64_t program_bytes = 0, constant_bytes = 0;
  uint64_t arena_bytes = 0, arena_lower_bound = 0, arena_naive = 0;
};

struct CompileSummary {
  std::string bundle_dir;
  int64_t imported_nodes = 0;
  int64_t nodes = 0;
  uint64_t program_bytes = 0;
  uint64_t constant_bytes = 0;
  uint64_t arena_bytes = 0;
  uint64_t arena_lower_bound = 0;
  uint64_t arena_naive = 0;
  nlohmann::ordered_json report;  // report.json as written
  Status policy;                   // a broken --fail-on-fallback / --max-fallback (exit 4)
};

// Compiles in memory: nothing is written. CompileOptions' policies and
// emit_runtime are compile_model's.
Result<CompiledProgram> compile_program(const std::string& model_path, const CompileOptions& options);

// What an op set records of the model (format, opset, source ops).
OpSetModel source_model(const CompiledProgram& compiled);

Result<CompileSummary> compile_model(const std::string& model_path, const std::string& out_dir,
                                     const CompileOptions& options);

}  // namespace ingot
