// The converter tables of map_*.cc joined into one, looked up by ONNX op.
#include <algorithm>

#include "importers/onnx/converters.h"

namespace ingot::onnx_import {

const std::vector<ConverterEntry>& all_converters() {
  static const std::vector<ConverterEntry> table = [] {
    std::vector<ConverterEntry> joined;
    for (auto family : {elementwise_converters, linalg_converters, pool_converters, reduce_converters,
                        norm_converters, layout_converters, indexing_converters, resample_converters,
                        quant_converters, recurrent_converters}) {
      for (const ConverterEntry& entry : family()) joined.push_back(entry);
    }
    std::sort(joined.begin(), joined.end(),
              [](const ConverterEntry& a, const ConverterEntry& b) { return std::string_view(a.onnx_op) < b.onnx_op; });
    return joined;
  }();
  return table;
}

const ConverterEntry* find_converter(std::string_view onnx_op) {
  const std::vector<ConverterEntry>& table = all_converters();
  auto it = std::lower_bound(table.begin(), table.end(), onnx_op,
                             [](const ConverterEntry& entry, std::string_view op) { return entry.onnx_op < op; });
  return it != table.end() && it->onnx_op == onnx_op ? &*it : nullptr;
}

}  // namespace ingot::onnx_import
