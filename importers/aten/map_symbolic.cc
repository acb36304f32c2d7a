// Sizes computed at export time: sym_size / sym_numel of a tensor, and the
// Python arithmetic on them (operator.add, mul, floordiv, ...). Shapes are
// static once symbols are bound, so these fold to numbers that later view /
// expand arguments read. Runtime assertions become no-ops.
#include <fmt/format.h>

#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

Status sym_size(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  return ctx.bind_sym_int(0, x->type().shape[axis]);
}

Status sym_numel(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  return ctx.bind_sym_int(0, num_elements(x->type().shape));
}

// Strides of the contiguous tensors ingot computes.
Status sym_stride(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.tensor("self"));
  INGOT_ASSIGN_OR_RETURN(int64_t dim, ctx.int_arg("dim"));
  INGOT_ASSIGN_OR_RETURN(int64_t axis, wrap_dim(dim, x->type().rank()));
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < x->type().rank(); ++d) stride *= x->type().shape[d];
  return ctx.bind_sym_int(0, stride);
}

Status sym_storage_offset(ConvertContext& ctx) { return ctx.bind_sym_int(0, 0); }

template <char kOp>
Status arithmetic(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(int64_t a, ctx.int_arg("a"));
  INGOT_ASSIGN_OR_RETURN(int64_t b, ctx.int_arg("b"));
  constexpr int64_t kLimit = int64_t{1} << 40;
  if (a < -kLimit || a > kLimit || b < -kLimit || b > kLimit) return Status::invalid("a size out of range");
  int64_t result = 0;
  switch (kOp) {
    case '+': result = a + b; break;
    case '-': result = a - b; break;
    case '*': result = a * b; break;
    case '/':
    case '%': {
      if (b == 0) return Status::invalid("division of sizes by zero");
      int64_t q = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) --q;  // Python floors
      result = kOp == '/' ? q : a - q * b;
      break;
    }
    default: break;
  }
  return ctx.bind_sym_int(0, result);
}

Status no_op(ConvertContext& ctx) { return {}; }

}  // namespace

// Sizes and assertions: numbers at import, no node.
std::vector<ConverterEntry> symbolic_converters() {
  return {
      {"aten.sym_size.int", sym_size, {}},
      {"aten.sym_numel.default", sym_numel, {}},
      {"aten.sym_stride.int", sym_stride, {}},
      {"aten.sym_storage_offset.default", sym_storage_offset, {}},
      {"_operator.add", arithmetic<'+'>, {}},
      {"_operator.sub", arithmetic<'-'>, {}},
      {"_operator.mul", arithmetic<'*'>, {}},
      {"_operator.floordiv", arithmetic<'/'>, {}},
      {"_operator.mod", arithmetic<'%'>, {}},
      {"aten._assert_scalar.default", no_op, {}},
      {"aten._assert_tensor_metadata.default", no_op, {}},
      {"aten.sym_constrain_range_for_size.default", no_op, {}},
      {"aten.sym_constrain_range.default", no_op, {}},
  };
}

}  // namespace ingot::aten
