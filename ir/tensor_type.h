// The type of every IR value: element type, static shape, and optional
// quantization parameters. Shapes are always static in the IR; importers bind
// symbolic dims before a graph is built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/dtype.h"
#include "ir/status.h"

namespace ingot {

using Shape = std::vector<int64_t>;

// Affine quantization: real = scale * (q - zero_point). Per-tensor when the
// vectors hold one entry, per-channel along `axis` otherwise.
struct Quantization {
  std::vector<double> scale;
  std::vector<int64_t> zero_point;
  int64_t axis = 0;

  bool operator==(const Quantization&) const = default;
};

struct TensorType {
  DType dtype = DType::f32;
  Shape shape;
  std::optional<Quantization> quant;

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  bool operator==(const TensorType&) const = default;
};

// The largest tensor ingot accepts: 2^40 elements. Bigger is a hostile or
// broken model, rejected before anything is allocated.
inline constexpr int64_t kMaxElements = int64_t{1} << 40;

// Number of elements, or an error when a dim is negative or the product
// exceeds kMaxElements (never overflows).
Result<int64_t> checked_num_elements(const Shape& shape);
// Same for shapes already verified; returns 0 on a bad shape.
int64_t num_elements(const Shape& shape);
int64_t byte_size(const TensorType& type);

// "1x3x224x224" (the CLI's form) and "[1,3,224,224]" (the text form's).
std::string shape_to_string(const Shape& shape, char separator = ',');
// "f32[1,3,224,224]", with quantization appended when present.
std::string type_to_string(const TensorType& type);

}  // namespace ingot
