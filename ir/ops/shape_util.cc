#include "ir/ops/shape_util.h"

#include <algorithm>

#include <fmt/format.h>

#include "ir/op_table.h"

namespace ingot::ops {

Result<Shape> broadcast(const Shape& a, const Shape& b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      return Status::invalid(
          fmt::format("shapes [{}] and [{}] do not broadcast", shape_to_string(a), shape_to_string(b)));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

Result<int64_t> normalize_axis(int64_t axis, int64_t rank) {
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank) {
    return Status::invalid(fmt::format("axis {} is out of range for rank {}", axis, rank));
  }
  return normalized;
}

std::optional<std::vector<int64_t>> constant_ints(const Value* value) {
  if (value == nullptr || !value->is_constant()) return std::nullopt;
  if (value->type().dtype == DType::i64) {
    auto data = value->constant_as<int64_t>();
    return std::vector<int64_t>(data.begin(), data.end());
  }
  if (value->type().dtype == DType::i32) {
    auto data = value->constant_as<int32_t>();
    return std::vector<int64_t>(data.begin(), data.end());
  }
  return std::nullopt;
}

Types declared_outputs(const Node& node) {
  const int expected = op_info(node.op()).num_outputs;
  if (expected >= 0 && static_cast<int>(node.outputs().size()) < expected) {
    return Status::invalid("the output shape depends on run-time data and no declared output type was given");
  }
  std::vector<TensorType> types;
  for (const Value* output : node.outputs()) types.push_back(output->type());
  return types;
}

Result<DType> common_dtype(const Node& node) {
  std::optional<DType> dtype;
  for (const Value* input : node.inputs()) {
    if (input == nullptr) continue;
    if (dtype && *dtype != input->type().dtype) {
      return Status::invalid(fmt::format("operands mix {} and {}", dtype_name(*dtype), dtype_name(input->type().dtype)));
    }
    dtype = input->type().dtype;
  }
  if (!dtype) return Status::invalid("no operands");
  return *dtype;
}

Result<std::vector<int64_t>> int_list(const Node& node, std::string_view name, size_t size, int64_t min) {
  std::vector<int64_t> values = node.attr_ints(name);
  if (values.size() != size) {
    return Status::invalid(fmt::format("{} must have {} entries, not {}", name, size, values.size()));
  }
  for (int64_t value : values) {
    if (value < min || value > kMaxElements) {
      return Status::invalid(fmt::format("{} holds {}, outside [{}, 2^40]", name, value, min));
    }
  }
  return values;
}

Result<bool> flag(const Node& node, std::string_view name) {
  int64_t value = node.attr_i(name);
  if (value != 0 && value != 1) return Status::invalid(fmt::format("{} must be 0 or 1, not {}", name, value));
  return value == 1;
}

}  // namespace ingot::ops
