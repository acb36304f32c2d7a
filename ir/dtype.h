// Element types of ingot tensors. The set is what edge models use; anything
// else (strings, complex) is rejected by the importers.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ingot {

enum class DType { f32, f64, f16, bf16, i8, i16, i32, i64, u8, u16, u32, u64, boolean };

// Short stable names used by the text form and the reports: "f32", "i64", "bool".
std::string_view dtype_name(DType dtype);
std::optional<DType> parse_dtype(std::string_view name);
size_t dtype_size(DType dtype);
bool is_float(DType dtype);
bool is_integer(DType dtype);  // signed or unsigned, not bool

}  // namespace ingot
