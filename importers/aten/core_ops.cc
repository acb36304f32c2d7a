// core_ops_of: which core ops an ATen op may become, without a program, in
// the spellings op lists use: torch.export's targets ("aten.add.Tensor",
// "torch.ops.aten.add.Tensor"), schema names ("aten::add.Tensor"), a name for
// all its overloads ("aten::add"), and ExecuTorch's out-variants
// ("aten::add.out", "aten::max.dim_max"), which stand for the functional
// overloads of the same name.
#include <algorithm>

#include "importers/aten/aten_importer.h"
#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

// The overload names of out-variants in native_functions.yaml: "out",
// "Tensor_out", "out_mode", and the few named after their outputs.
bool is_out_overload(std::string_view overload) {
  return overload == "out" || overload.ends_with("_out") || overload.starts_with("out_") || overload == "values" ||
         overload == "dim_max" || overload == "dim_min";
}

// The union of the declarations of every mapped overload of "ns.name".
std::optional<CoreOpSet> all_overloads(std::string_view qualified_name) {
  const std::string prefix = std::string(qualified_name) + ".";
  const std::vector<ConverterEntry>& table = all_converters();
  auto it = std::lower_bound(table.begin(), table.end(), prefix,
                             [](const ConverterEntry& entry, const std::string& p) { return entry.target < p; });
  std::optional<CoreOpSet> ops;
  for (; it != table.end() && std::string_view(it->target).starts_with(prefix); ++it) {
    ops = ops.value_or(CoreOpSet{}) | it->emits;
  }
  return ops;
}

}  // namespace

std::optional<CoreOpSet> core_ops_of(std::string_view op) {
  std::string name(op);
  if (name.starts_with("torch.ops.")) name.erase(0, 10);
  if (size_t colons = name.find("::"); colons != std::string::npos) name.replace(colons, 2, ".");
  if (const ConverterEntry* entry = find_converter(name)) return entry->emits;
  // "ns.name" or "ns.name.overload"; names and overloads hold no dots.
  const size_t first = name.find('.');
  if (first == std::string::npos) return std::nullopt;
  const size_t second = name.find('.', first + 1);
  if (second == std::string::npos) return all_overloads(name);
  if (!is_out_overload(std::string_view(name).substr(second + 1))) return std::nullopt;
  return all_overloads(std::string_view(name).substr(0, second));
}

std::vector<std::string> mapped_targets() {
  std::vector<std::string> targets;
  for (const ConverterEntry& entry : all_converters()) targets.push_back(entry.target);
  return targets;
}

}  // namespace ingot::aten
