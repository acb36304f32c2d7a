// The converter tables of map_*.cc joined into one, looked up by target.
#include <algorithm>

#include "importers/aten/converters.h"

namespace ingot::aten {

const std::vector<ConverterEntry>& all_converters() {
  static const std::vector<ConverterEntry> table = [] {
    std::vector<ConverterEntry> joined;
    for (auto family : {elementwise_converters, activation_converters, linalg_converters, norm_converters,
                        layout_converters, indexing_converters, pool_converters, reduce_converters,
                        creation_converters, symbolic_converters, resample_converters}) {
      for (const ConverterEntry& entry : family()) joined.push_back(entry);
    }
    std::sort(joined.begin(), joined.end(),
              [](const ConverterEntry& a, const ConverterEntry& b) { return std::string_view(a.target) < b.target; });
    return joined;
  }();
  return table;
}

const ConverterEntry* find_converter(std::string_view target) {
  const std::vector<ConverterEntry>& table = all_converters();
  auto it = std::lower_bound(table.begin(), table.end(), target,
                             [](const ConverterEntry& entry, std::string_view name) { return entry.target < name; });
  return it != table.end() && it->target == target ? &*it : nullptr;
}

}  // namespace ingot::aten
