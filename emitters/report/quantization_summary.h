// report.json's "quantization" for people: the SQNR of each output (the
// quantize/dequantize graph, and the final program where it was run; for
// int8-dynamic, which measures nothing, the weight bytes instead), and
// which layers stayed float and why. Markdown; `ingot compile --quantize`
// prints it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ingot {

std::string quantization_summary(const nlohmann::ordered_json& quantization);

}  // namespace ingot
