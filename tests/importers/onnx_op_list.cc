// Prints the standard ONNX ops the importer maps, one per line, each with the
// core ops its converter declares (comma-separated, "-" for none), for
// scripts/make_ops_doc.py, which writes the ONNX table of docs/ops.md.
#include <iostream>

#include "importers/onnx/onnx_importer.h"

int main() {
  for (const std::string& op : ingot::onnx_import::mapped_op_types()) {
    std::string ops;
    for (const std::string& core : ingot::onnx_import::core_ops_of("", op).value_or(ingot::CoreOpSet{}).names()) {
      ops += (ops.empty() ? "" : ",") + core;
    }
    std::cout << op << "\t" << (ops.empty() ? "-" : ops) << "\n";
  }
  return 0;
}
