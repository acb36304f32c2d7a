#include "importers/aten/symbol_binding.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace ingot::aten {
namespace {

std::string range_text(const RangeConstraint& range) {
  return fmt::format("[{}, {}]", range.min ? std::to_string(*range.min) : "-inf", range.max ? std::to_string(*range.max) : "inf");
}

}  // namespace

Result<std::map<std::string, int64_t>> bind_symbols(const Program& program, const ImportOptions& options,
                                                    std::vector<std::string>& warnings) {
  std::map<std::string, int64_t> symbols;
  std::map<std::string, std::string> bound_by;  // symbol -> "input 'x' dim 0", for conflicts
  std::set<std::string> user_inputs;
  for (const InputSpec& spec : program.input_specs) {
    if (spec.kind != InputSpec::Kind::user_input || spec.user_arg.kind != Argument::Kind::tensor) continue;
    user_inputs.insert(spec.name);
    auto meta = program.tensor_values.find(spec.name);
    if (meta == program.tensor_values.end()) return Status::invalid(fmt::format("input '{}' has no tensor metadata", spec.name));
    const std::vector<SymDim>& dims = meta->second.sizes;
    auto given = options.input_shapes.find(spec.name);
    if (given != options.input_shapes.end() && given->second.size() != dims.size()) {
      return Status::usage(fmt::format("--input-shape {}: the model's input has rank {}, not {}", spec.name, dims.size(),
                                       given->second.size()));
    }
    for (size_t d = 0; d < dims.size(); ++d) {
      const SymDim& dim = dims[d];
      const std::string where = fmt::format("input '{}' dim {}", spec.name, d);
      if (dim.kind == SymDim::Kind::value) {
        if (given != options.input_shapes.end() && given->second[d] != dim.value) {
          return Status::usage(fmt::format("--input-shape {}: dim {} is fixed to {} by the model, not {}", spec.name, d,
                                           dim.value, given->second[d]));
        }
        continue;
      }
      if (dim.kind == SymDim::Kind::expression) {
        return Status::invalid(fmt::format("{} has the size expression '{}'; ingot binds plain symbols only", where, dim.symbol));
      }
      int64_t value = 0;
      if (given != options.input_shapes.end()) {
        value = given->second[d];
      } else if (symbols.contains(dim.symbol)) {
        continue;
      } else if (dim.hint) {
        value = *dim.hint;
        warnings.push_back(fmt::format("{} ({}) is symbolic; bound to {}, the size torch exported with (use --input-shape "
                                       "to choose)", where, dim.symbol, value));
      } else {
        auto range = program.range_constraints.find(dim.symbol);
        value = range != program.range_constraints.end() && range->second.min ? std::max<int64_t>(*range->second.min, 1) : 1;
        warnings.push_back(fmt::format("{} ({}) is symbolic with no hint; bound to {}", where, dim.symbol, value));
      }
      auto known = symbols.find(dim.symbol);
      if (known != symbols.end() && known->second != value) {
        return Status::usage(fmt::format("--input-shape {}: dim {} is {} ({}), which {} already binds to {}", spec.name, d,
                                         value, dim.symbol, bound_by[dim.symbol], known->second));
      }
      symbols[dim.symbol] = value;
      bound_by[dim.symbol] = where;
      auto range = program.range_constraints.find(dim.symbol);
      if (range != program.range_constraints.end() &&
          ((range->second.min && value < *range->second.min) || (range->second.max && value > *range->second.max))) {
        warnings.push_back(fmt::format("{} ({}) = {} is outside the range {} torch exported for it", where, dim.symbol, value,
                                       range_text(range->second)));
      }
    }
  }
  for (const auto& [name, shape] : options.input_shapes) {
    if (!user_inputs.contains(name)) return Status::usage(fmt::format("--input-shape names '{}', which is not an input of the model", name));
  }
  return symbols;
}

}  // namespace ingot::aten
