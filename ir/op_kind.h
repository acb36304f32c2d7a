// The enumeration of core ops, generated from ir/ops.def.
#pragma once

#include <optional>
#include <string_view>

namespace ingot {

enum class OpKind {
#define INGOT_OP(id, family) id,
#include "ir/ops.def"
#undef INGOT_OP
};

enum class OpFamily { binary, unary, activation, linalg, pool, reduce, norm, layout, indexing, resample, quant, foreign };

inline constexpr int kNumOps = 0
#define INGOT_OP(id, family) +1
#include "ir/ops.def"
#undef INGOT_OP
    ;

std::string_view op_name(OpKind kind);
OpFamily op_family(OpKind kind);
std::string_view family_name(OpFamily family);
std::optional<OpKind> parse_op_name(std::string_view name);

}  // namespace ingot
