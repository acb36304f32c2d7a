// JSON as torch.export writes it, read with nlohmann::json (Debian's
// nlohmann-json3-dev). Two things of Python's json module are not JSON:
// `Infinity`, `-Infinity` and `NaN` appear bare (range constraints, float
// arguments). parse_json() turns them into the strings "Infinity", "-Infinity"
// and "NaN" first, and refuses nesting deeper than kMaxJsonDepth, so that no
// recursive walk can exhaust the stack.
//
// Unions (Argument, SymInt, InputSpec...) come in two spellings: compact, one
// key ({"as_int": 3}), and verbose (torch <= 2.2), every field present with
// null for the unset ones. union_field() reads both.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "ir/status.h"

namespace ingot::aten {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 256;

Result<Json> parse_json(std::string_view text);

// The set field of a union: its name and value. Errors name `what`.
Result<std::pair<std::string, const Json*>> union_field(const Json& value, std::string_view what);

// Typed reads of a member; errors name `what`.
Result<const Json*> member(const Json& object, std::string_view key, std::string_view what);
const Json* optional_member(const Json& object, std::string_view key);  // null when absent or null
Result<int64_t> as_int(const Json& value, std::string_view what);
Result<double> as_float(const Json& value, std::string_view what);  // numbers, "Infinity", "NaN"
Result<bool> as_bool(const Json& value, std::string_view what);
Result<std::string> as_string(const Json& value, std::string_view what);
Result<const Json*> as_array(const Json& value, std::string_view what);
Result<const Json*> as_object(const Json& value, std::string_view what);

}  // namespace ingot::aten
