#include "ir/op_kind.h"

#include <array>

namespace ingot {
namespace {

constexpr std::array<std::string_view, kNumOps> kNames = {
#define INGOT_OP(id, family) #id,
#include "ir/ops.def"
#undef INGOT_OP
};

constexpr std::array<OpFamily, kNumOps> kFamilies = {
#define INGOT_OP(id, family) OpFamily::family,
#include "ir/ops.def"
#undef INGOT_OP
};

}  // namespace

std::string_view op_name(OpKind kind) { return kNames[static_cast<size_t>(kind)]; }
OpFamily op_family(OpKind kind) { return kFamilies[static_cast<size_t>(kind)]; }

std::string_view family_name(OpFamily family) {
  static constexpr std::array<std::string_view, 12> kFamilyNames = {
      "binary", "unary", "activation", "linalg", "pool", "reduce",
      "norm", "layout", "indexing", "resample", "quant", "foreign"};
  return kFamilyNames[static_cast<size_t>(family)];
}

std::optional<OpKind> parse_op_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<OpKind>(i);
  }
  return std::nullopt;
}

}  // namespace ingot
