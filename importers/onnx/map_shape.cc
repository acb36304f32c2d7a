// ONNX shape queries. ingot's shapes are static, so Shape, Size,
// ConstantOfShape and EyeLike have no run-time op: each becomes a constant.
#include "importers/onnx/map_shape.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "importers/onnx/tensor_proto.h"
#include "ir/ops/shape_util.h"

namespace ingot::onnx_import {
namespace {

// The bytes of the value 1 in `dtype`.
std::vector<uint8_t> one_bytes(DType dtype) {
  std::vector<uint8_t> bytes(dtype_size(dtype));
  auto store = [&](auto typed) { std::memcpy(bytes.data(), &typed, sizeof(typed)); };
  switch (dtype) {
    case DType::f32: store(1.0f); break;
    case DType::f64: store(1.0); break;
    case DType::f16: store(uint16_t{0x3c00}); break;
    case DType::bf16: store(uint16_t{0x3f80}); break;
    case DType::i8: store(int8_t{1}); break;
    case DType::i16: store(int16_t{1}); break;
    case DType::i32: store(int32_t{1}); break;
    case DType::i64: store(int64_t{1}); break;
    case DType::u8: store(uint8_t{1}); break;
    case DType::u16: store(uint16_t{1}); break;
    case DType::u32: store(uint32_t{1}); break;
    case DType::u64: store(uint64_t{1}); break;
    case DType::boolean: store(uint8_t{1}); break;
  }
  return bytes;
}

constexpr int64_t kMaxKnownInts = 64;
constexpr int kMaxKnownDepth = 8;

// a op b on 1-element or equally long vectors, wrapping like the kernels
// (unsigned arithmetic: no undefined overflow).
std::optional<std::vector<int64_t>> binary_ints(OpKind op, const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (a.size() != b.size() && a.size() != 1 && b.size() != 1) return std::nullopt;
  std::vector<int64_t> out(std::max(a.size(), b.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    auto x = static_cast<uint64_t>(a[a.size() == 1 ? 0 : i]);
    auto y = static_cast<uint64_t>(b[b.size() == 1 ? 0 : i]);
    out[i] = static_cast<int64_t>(op == OpKind::add ? x + y : op == OpKind::sub ? x - y : x * y);
  }
  return out;
}

// Evaluates the integer node that produced `value`, up to `depth` levels.
std::optional<std::vector<int64_t>> evaluate_ints(const Value* value, int depth) {
  if (auto values = ops::constant_ints(value)) return values;
  if (value == nullptr || depth == 0 || !is_integer(value->type().dtype) || value->type().rank() > 1 ||
      num_elements(value->type().shape) > kMaxKnownInts) {
    return std::nullopt;
  }
  const Node* node = value->producer();
  if (node == nullptr || node->outputs().size() != 1) return std::nullopt;
  std::vector<std::vector<int64_t>> args;
  for (const Value* input : node->inputs()) {
    auto arg = evaluate_ints(input, depth - 1);
    if (!arg) return std::nullopt;
    args.push_back(std::move(*arg));
  }
  switch (node->op()) {
    case OpKind::copy:
    case OpKind::reshape:
    case OpKind::cast:  // integer to integer: shape values fit every integer type
      return args.at(0);
    case OpKind::neg:
      for (int64_t& v : args.at(0)) v = static_cast<int64_t>(-static_cast<uint64_t>(v));
      return args.at(0);
    case OpKind::add:
    case OpKind::sub:
    case OpKind::mul:
      return binary_ints(node->op(), args.at(0), args.at(1));
    case OpKind::concat: {  // the value is at most 1-d, so the axis is 0
      std::vector<int64_t> out;
      for (const auto& arg : args) out.insert(out.end(), arg.begin(), arg.end());
      return out;
    }
    default:
      return std::nullopt;
  }
}

// Checks that a tensor of `type` may be folded: a valid shape, not too big.
Status check_foldable(ConvertContext& ctx, const TensorType& type) {
  Result<int64_t> count = checked_num_elements(type.shape);
  if (!count.ok()) return ctx.unsupported(count.status().message());
  if (count.value() * static_cast<int64_t>(dtype_size(type.dtype)) > kMaxFoldedBytes) {
    return ctx.unsupported(fmt::format("the constant {} would be larger than {} MiB", type_to_string(type),
                                       kMaxFoldedBytes >> 20));
  }
  return {};
}

// Shape, with opset 15's start and end: a slice of the dims, clamped.
Status shape(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  const Shape& dims = x->type().shape;
  int64_t rank = x->type().rank();
  auto clamp = [rank](int64_t i) { return std::clamp(i < 0 ? i + rank : i, int64_t{0}, rank); };
  int64_t start = clamp(ctx.attr_int("start", 0));
  int64_t end = std::max(clamp(ctx.attr_int("end", rank)), start);
  std::vector<int64_t> values(dims.begin() + start, dims.begin() + end);
  return ctx.bind_output(0, ctx.constant_i64(values, {end - start}));
}

Status size(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  return ctx.bind_output(0, ctx.constant_i64({num_elements(x->type().shape)}, {}));
}

// The element ConstantOfShape repeats: its `value` attribute, f32 0 without.
Result<HostTensor> fill_value(ConvertContext& ctx) {
  const onnx::AttributeProto* attr = ctx.find_attr("value");
  if (attr == nullptr) return HostTensor{{DType::f32, {1}}, std::vector<uint8_t>(sizeof(float), 0)};
  INGOT_ASSIGN_OR_RETURN(HostTensor value, tensor_from_proto(attr->t(), {}));
  if (num_elements(value.type.shape) != 1) return ctx.unsupported("the value attribute must hold one element");
  return value;
}

// The shape operand is usually computed from other shapes, so known at
// compile time. When it is a run-time input, ONNX's inferred output shape
// is the static shape this compiled model runs with.
Status constant_of_shape(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(HostTensor value, fill_value(ctx));
  TensorType type{value.type.dtype, {}};
  if (auto dims = known_ints(ctx, 0)) {
    type.shape = *dims;
  } else if (auto inferred = ctx.inferred_output_type(0)) {
    type.shape = inferred->shape;
  } else {
    return ctx.unsupported("the shape operand is only known at run time");
  }
  INGOT_RETURN_IF_ERROR(check_foldable(ctx, type));
  std::vector<uint8_t> bytes;
  bytes.reserve(static_cast<size_t>(byte_size(type)));
  for (int64_t i = 0; i < num_elements(type.shape); ++i) bytes.insert(bytes.end(), value.bytes.begin(), value.bytes.end());
  return bind_constant(ctx, type, std::move(bytes));
}

// EyeLike: ones on diagonal k of a 2-d tensor shaped like the input.
Status eye_like(ConvertContext& ctx) {
  INGOT_ASSIGN_OR_RETURN(Value* x, ctx.required_input(0));
  if (x->type().rank() != 2) return ctx.unsupported("the input must be 2-d");
  TensorType type{x->type().dtype, x->type().shape};
  if (ctx.has_attr("dtype")) {
    auto onnx_type = static_cast<int32_t>(ctx.attr_int("dtype", 0));
    std::optional<DType> dtype = dtype_from_onnx(onnx_type);
    if (!dtype) return ctx.unsupported(fmt::format("dtype {} is not supported", onnx_elem_type_name(onnx_type)));
    type.dtype = *dtype;
  }
  INGOT_RETURN_IF_ERROR(check_foldable(ctx, type));
  int64_t k = ctx.attr_int("k", 0);
  int64_t rows = type.shape[0];
  int64_t cols = type.shape[1];
  size_t element = dtype_size(type.dtype);
  std::vector<uint8_t> one = one_bytes(type.dtype);
  std::vector<uint8_t> bytes(static_cast<size_t>(byte_size(type)), 0);
  // Row i has its one in column i + k; a diagonal outside the matrix (tested
  // first, so that a huge k cannot overflow) leaves all zeros.
  bool inside = k < cols && k > -rows;
  for (int64_t i = inside ? std::max(int64_t{0}, -k) : rows; i < rows && i + k < cols; ++i) {
    std::memcpy(bytes.data() + static_cast<size_t>(i * cols + i + k) * element, one.data(), element);
  }
  return bind_constant(ctx, type, std::move(bytes));
}

}  // namespace

std::optional<std::vector<int64_t>> known_ints(const ConvertContext& ctx, size_t input) {
  if (auto values = ctx.constant_ints(input)) return values;
  return evaluate_ints(ctx.input(input), kMaxKnownDepth);
}

Status bind_constant(ConvertContext& ctx, const TensorType& type, std::vector<uint8_t> bytes) {
  INGOT_RETURN_IF_ERROR(check_foldable(ctx, type));
  std::string base = ctx.node().name().empty() ? ctx.op_type() : ctx.node().name();
  auto data = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  return ctx.bind_output(0, ctx.graph().add_constant(base + "_const", type, std::move(data)));
}

// Each folds to a constant: no node.
std::vector<ConverterEntry> shape_converters() {
  return {
      {"Shape", shape, {}},
      {"Size", size, {}},
      {"ConstantOfShape", constant_of_shape, {}},
      {"EyeLike", eye_like, {}},
  };
}

}  // namespace ingot::onnx_import
