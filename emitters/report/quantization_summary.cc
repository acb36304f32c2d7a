#include "emitters/report/quantization_summary.h"

#include <fmt/format.h>

namespace ingot {
namespace {

// The program's SQNR for output `name`, or why it was not measured.
std::string program_db(const nlohmann::ordered_json& q, const std::string& name) {
  const nlohmann::ordered_json& program = q["program_outputs"];
  if (program.is_object() && program.contains("skipped")) return "not run: " + program["skipped"].get<std::string>();
  if (program.is_array()) {
    for (const auto& output : program) {
      if (output["name"] == name) return fmt::format("{:.2f} dB", output["sqnr_db"].get<double>());
    }
  }
  return "-";
}

// int8-dynamic measures nothing (no samples): the layers and their weight bytes.
std::string dynamic_header(const nlohmann::ordered_json& q) {
  int64_t f32 = 0, i8 = 0;
  for (const auto& layer : q["layers"]) {
    f32 += layer["weight_bytes_f32"].get<int64_t>();
    i8 += layer["weight_bytes_i8"].get<int64_t>();
  }
  return fmt::format("\n## Quantization: int8-dynamic (activations quantized per call)\n\nweights {} -> {} bytes; ", f32, i8);
}

std::string static_header(const nlohmann::ordered_json& q) {
  std::string out = fmt::format("\n## Quantization: {}, {} calibration samples, {} observer\n\n", q["mode"].get<std::string>(),
                                q["samples"].get<int64_t>(), q["observer"].get<std::string>());
  out += "| output | SQNR, quantize/dequantize graph | SQNR, the program |\n|---|---|---|\n";
  for (const auto& output : q["outputs"]) {
    const std::string name = output["name"].get<std::string>();
    out += fmt::format("| {} | {:.2f} dB | {} |\n", name, output["sqnr_db"].get<double>(), program_db(q, name));
  }
  return out + "\n";
}

}  // namespace

std::string quantization_summary(const nlohmann::ordered_json& q) {
  std::string out = q["mode"] == "int8-dynamic" ? dynamic_header(q) : static_header(q);
  out += fmt::format("{} layers quantized", q["layers"].size());
  if (q.contains("min_sqnr_db")) out += fmt::format(" (--min-sqnr {})", q["min_sqnr_db"].get<double>());
  const nlohmann::ordered_json& kept = q["kept_float"];
  if (kept.empty()) return out + "; none kept float.\n";
  out += fmt::format("; {} kept float:\n\n| node | op | why |\n|---|---|---|\n", kept.size());
  for (const auto& layer : kept) {
    out += fmt::format("| {} | {} | {} |\n", layer["node"].get<std::string>(), layer["op"].get<std::string>(),
                       layer["reason"].get<std::string>());
  }
  return out;
}

}  // namespace ingot
