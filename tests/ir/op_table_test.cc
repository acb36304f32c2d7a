#include "ir/op_table.h"

#include <gtest/gtest.h>

namespace ingot {
namespace {

TEST(OpTable, EveryOpHasAnEntryWithAShapeRule) {
  for (int i = 0; i < kNumOps; ++i) {
    const OpInfo& info = op_info(static_cast<OpKind>(i));
    EXPECT_EQ(info.kind, static_cast<OpKind>(i));
    EXPECT_NE(info.infer, nullptr) << "op '" << op_name(static_cast<OpKind>(i)) << "' has no table entry";
    EXPECT_FALSE(info.summary.empty()) << op_name(info.kind);
  }
}

TEST(OpTable, NamesRoundTrip) {
  for (int i = 0; i < kNumOps; ++i) {
    auto kind = static_cast<OpKind>(i);
    EXPECT_EQ(parse_op_name(op_name(kind)), kind);
  }
  EXPECT_EQ(parse_op_name("no_such_op"), std::nullopt);
}

TEST(OpTable, OnlyTheLastOperandIsVariadic) {
  for (int i = 0; i < kNumOps; ++i) {
    const OpInfo& info = op_info(static_cast<OpKind>(i));
    for (size_t k = 0; k + 1 < info.operands.size(); ++k) EXPECT_FALSE(info.operands[k].variadic) << info.name();
  }
}

}  // namespace
}  // namespace ingot
