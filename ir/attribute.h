// Typed node attributes. The op table declares the name and type of every
// attribute an op accepts; the verifier holds nodes to it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ingot {

enum class AttrType { i64, f64, str, i64s, f64s };

using Attribute = std::variant<int64_t, double, std::string, std::vector<int64_t>, std::vector<double>>;

// Sorted by name so that printing and hashing are deterministic.
using AttrMap = std::map<std::string, Attribute, std::less<>>;

AttrType attr_type(const Attribute& attr);
std::string_view attr_type_name(AttrType type);

}  // namespace ingot
