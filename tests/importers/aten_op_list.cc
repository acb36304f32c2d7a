// Prints the ATen targets the importer maps, one per line (for
// scripts/make_aten_ops_doc.py, which writes the Core ATen table of docs/ops.md).
#include <iostream>

#include "importers/aten/aten_importer.h"

int main() {
  for (const std::string& target : ingot::aten::mapped_targets()) std::cout << target << "\n";
  return 0;
}
