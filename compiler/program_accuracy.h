// The SQNR of the final program: the compiled program (after lower-qdq,
// fusion, kernel selection and packing) runs on the calibration samples with
// the kernels built into ingot, and each float output is compared with the
// float graph's output on the same sample. The quantization report's
// "outputs" measure the quantize/dequantize graph; this measures what the
// device will run.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/quantize_static.h"
#include "ir/status.h"

namespace ingot {

// report.json's quantization "program_outputs": [{name, sqnr_db}] per f32
// output; or, when this machine cannot run the program (another
// architecture, a CPU feature it lacks), {"skipped": reason}.
Result<nlohmann::ordered_json> program_output_sqnr(const std::vector<uint8_t>& program,
                                                   const std::vector<std::string>& required_features,
                                                   const QuantizationRecord& record);

}  // namespace ingot
