// core_ops_of: which core ops an ONNX op may become, without a model. A
// standard op has its converter's declaration (ConverterEntry::emits); an
// ONNX Runtime op, the union of the declarations of the standard ops it
// stands for (ort_ops.cc).
#include <algorithm>

#include "importers/onnx/converters.h"
#include "importers/onnx/onnx_importer.h"
#include "importers/onnx/ort_ops.h"

namespace ingot::onnx_import {

std::optional<CoreOpSet> core_ops_of(std::string_view domain, std::string_view op_type) {
  if (domain.empty()) domain = kOnnx;
  if (domain == kOnnx) {
    if (const ConverterEntry* entry = find_converter(op_type)) return entry->emits;
    // graph_builder.cc turns a Constant into a constant: no node.
    if (op_type == "Constant") return CoreOpSet{};
  }
  const OrtOp* ort = find_ort_op(domain, op_type);
  if (ort == nullptr) return std::nullopt;
  CoreOpSet ops;
  for (std::string_view standard : ort->standard_ops) {
    const ConverterEntry* entry = find_converter(standard);
    if (entry == nullptr) return std::nullopt;  // ort_ops.cc names an op ingot cannot map (a test rules it out)
    ops |= entry->emits;
  }
  return ops;
}

std::vector<std::string> mapped_op_types() {
  std::vector<std::string> ops{"Constant"};
  for (const ConverterEntry& entry : all_converters()) ops.push_back(entry.onnx_op);
  std::sort(ops.begin(), ops.end());
  return ops;
}

}  // namespace ingot::onnx_import
