// Prints the ATen targets the importer maps, one per line, each with the core
// ops its converter declares (comma-separated, "-" for none), for
// scripts/make_aten_ops_doc.py, which writes the Core ATen table of docs/ops.md.
#include <iostream>

#include "importers/aten/aten_importer.h"

int main() {
  for (const std::string& target : ingot::aten::mapped_targets()) {
    std::string ops;
    for (const std::string& op : ingot::aten::core_ops_of(target).value_or(ingot::CoreOpSet{}).names()) {
      ops += (ops.empty() ? "" : ",") + op;
    }
    std::cout << target << "\t" << (ops.empty() ? "-" : ops) << "\n";
  }
  return 0;
}
