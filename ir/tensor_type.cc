#include "ir/tensor_type.h"

#include <fmt/format.h>

namespace ingot {

Result<int64_t> checked_num_elements(const Shape& shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0) return Status::invalid(fmt::format("negative dimension {} in shape [{}]", dim, shape_to_string(shape)));
    if (dim != 0 && count > kMaxElements / dim) {
      return Status::invalid(fmt::format("shape [{}] has more than 2^40 elements", shape_to_string(shape)));
    }
    count *= dim;
  }
  return count;
}

int64_t num_elements(const Shape& shape) {
  Result<int64_t> count = checked_num_elements(shape);
  return count.ok() ? count.value() : 0;
}

int64_t byte_size(const TensorType& type) {
  return num_elements(type.shape) * static_cast<int64_t>(dtype_size(type.dtype));
}

std::string shape_to_string(const Shape& shape, char separator) {
  return fmt::format("{}", fmt::join(shape, std::string(1, separator)));
}

std::string type_to_string(const TensorType& type) {
  std::string text = fmt::format("{}[{}]", dtype_name(type.dtype), shape_to_string(type.shape));
  if (type.quant) {
    const Quantization& q = *type.quant;
    text += fmt::format("{{axis={}, scale=[{}], zero_point=[{}]}}", q.axis, fmt::join(q.scale, ","),
                        fmt::join(q.zero_point, ","));
  }
  return text;
}

}  // namespace ingot
