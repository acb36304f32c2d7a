// Tensors made from arguments alone become constants: full, full_like,
// zeros / ones (and _like), scalar_tensor, arange. Their dtype and shape are
// the ones torch recorded for the output.
#include <cmath>

#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Status filled(ConvertContext& ctx, double value) {
  INGOT_ASSIGN_OR_RETURN(TensorType type, ctx.output_type(0));
  INGOT_ASSIGN_OR_RETURN(int64_t count, checked_num_elements(type.shape));
  if (count > (int64_t{1} << 28)) return Status::invalid("a constant of more than 2^28 elements");
  return ctx.bind_output(0, ctx.constant(type.dtype, std::vector<double>(static_cast<size_t>(count), value), type.shape));
}

// fill(self, value): self's shape, filled.
Status fill(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(double value, ctx.float_arg("value"));
  return filled(ctx, value);
}

Status full(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(double value, ctx.float_arg("fill_value"));
  return filled(ctx, value);
}

template <int kValue>
Status constant_fill(ConvertContext& ctx) { return filled(ctx, kValue); }

Status scalar_tensor(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(double value, ctx.float_arg("s"));
  return filled(ctx, value);
}

// arange(start=0, end, step=1): start + i * step for i in [0, ceil((end - start) / step)).
Status arange(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(double start, ctx.float_arg("start", 0.0));
  INGOT_ASSIGN_OR_RETURN(double end, ctx.float_arg("end"));
  INGOT_ASSIGN_OR_RETURN(double step, ctx.float_arg("step", 1.0));
  if (step == 0) return Status::invalid("arange step must not be zero");
  INGOT_ASSIGN_OR_RETURN(TensorType type, ctx.output_type(0));
  if (type.rank() != 1) return Status::invalid("arange must give a 1-D tensor");
  const double count = std::ceil((end - start) / step);
  if (!(count >= 0) || count > (1 << 28) || static_cast<int64_t>(count) != type.shape[0]) {
    return Status::invalid(fmt::format("arange({}, {}, {}) does not give the {} elements torch recorded", start, end, step, type.shape[0]));
  }
  std::vector<double> values(static_cast<size_t>(count));
  for (size_t i = 0; i < values.size(); ++i) values[i] = start + static_cast<double>(i) * step;
  return ctx.bind_output(0, ctx.constant(type.dtype, values, type.shape));
}

}  // namespace

// Each becomes a constant: no node.
std::vector<ConverterEntry> creation_converters() {
  return {
      {"aten.full.default", full, {}},
      {"aten.full_like.default", full, {}},
      {"aten.new_full.default", full, {}},
      {"aten.zeros.default", constant_fill<0>, {}},
      {"aten.zeros_like.default", constant_fill<0>, {}},
      {"aten.new_zeros.default", constant_fill<0>, {}},
      {"aten.empty.memory_format", constant_fill<0>, {}},
      {"aten.empty_strided.default", constant_fill<0>, {}},
      {"aten.fill.Scalar", fill, {}},
      {"aten.empty_like.default", constant_fill<0>, {}},
      {"aten.ones.default", constant_fill<1>, {}},
      {"aten.ones_like.default", constant_fill<1>, {}},
      {"aten.new_ones.default", constant_fill<1>, {}},
      {"aten.scalar_tensor.default", scalar_tensor, {}},
      {"aten.arange.default", arange, {}},
      {"aten.arange.start", arange, {}},
      {"aten.arange.start_step", arange, {}},
  };
}

}  // namespace ingot::aten
