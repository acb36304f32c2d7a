#include "ir/op_table.h"

#include <array>
#include <cstdio>
#include <cstdlib>

#include "ir/ops/families.h"

namespace ingot {
namespace {

using Table = std::array<OpInfo, kNumOps>;

Table build_table() {
  Table table;
  std::array<bool, kNumOps> seen{};
  for (auto family : {ops::binary_ops, ops::unary_ops, ops::activation_ops, ops::linalg_ops, ops::pool_ops,
                      ops::reduce_ops, ops::norm_ops, ops::layout_ops, ops::indexing_ops, ops::resample_ops,
                      ops::quant_ops, ops::quant_compute_ops, ops::foreign_ops}) {
    for (OpInfo& info : family()) {
      size_t index = static_cast<size_t>(info.kind);
      if (seen[index]) {
        std::fprintf(stderr, "ingot internal error: op '%s' has two table entries\n", info.name().data());
        std::abort();
      }
      seen[index] = true;
      table[index] = std::move(info);
    }
  }
  // An op without an entry keeps infer == nullptr; the verifier rejects its
  // nodes and tests/ir/op_table_test.cc fails on it.
  for (size_t i = 0; i < seen.size(); ++i) table[i].kind = static_cast<OpKind>(i);
  return table;
}

}  // namespace

const AttrSpec* OpInfo::find_attr(std::string_view attr) const {
  for (const AttrSpec& spec : attrs) {
    if (spec.name == attr) return &spec;
  }
  return nullptr;
}

const OpInfo& op_info(OpKind kind) {
  static const Table table = build_table();
  return table[static_cast<size_t>(kind)];
}

}  // namespace ingot
