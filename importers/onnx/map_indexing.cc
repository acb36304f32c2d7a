// PLACEHOLDER: to be written.
#include "importers/onnx/converters.h"

namespace ingot::onnx_import {

std::vector<ConverterEntry> indexing_converters() { return {}; }

}  // namespace ingot::onnx_import
