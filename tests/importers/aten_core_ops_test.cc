// What the ATen importer declares its ops may become, without a program, in
// the spellings op lists use (torch.export targets, schema names, all
// overloads, ExecuTorch's out-variants), and unknown ops. That converters
// emit only what they declare is checked over the .pt2 fixtures by
// tests/e2e/pt2_fixtures_test.py.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importers/aten/aten_importer.h"
#include "importers/aten/converters.h"

namespace ingot::aten {
namespace {

std::vector<std::string> core_names(std::string_view op) {
  std::optional<CoreOpSet> ops = core_ops_of(op);
  EXPECT_TRUE(ops.has_value()) << op;
  return ops ? ops->names() : std::vector<std::string>{};
}

TEST(AtenCoreOps, OneOverloadInEverySpelling) {
  const std::vector<std::string> add{"add", "cast", "mul"};  // mul: alpha; cast: type promotion
  EXPECT_EQ(core_names("aten.add.Tensor"), add);
  EXPECT_EQ(core_names("torch.ops.aten.add.Tensor"), add);
  EXPECT_EQ(core_names("aten::add.Tensor"), add);
}

TEST(AtenCoreOps, ANameWithoutOverloadJoinsItsOverloads) {
  EXPECT_EQ(core_ops_of("aten::div"), core_ops_of("aten.div.Tensor").value() | core_ops_of("aten.div.Tensor_mode").value());
  EXPECT_EQ(core_names("aten::convolution"), (std::vector<std::string>{"conv", "conv_transpose"}));
  // max's overloads, not those of max_pool2d.
  EXPECT_EQ(core_names("aten::max"), (std::vector<std::string>{"arg_max", "cast", "reduce_max"}));
}

TEST(AtenCoreOps, OutVariantsStandForTheFunctionalOverloads) {
  EXPECT_EQ(core_ops_of("aten::add.out"), core_ops_of("aten::add"));
  EXPECT_EQ(core_names("aten::convolution.out"), (std::vector<std::string>{"conv", "conv_transpose"}));
  EXPECT_EQ(core_names("aten::_softmax.out"), (std::vector<std::string>{"cast", "softmax"}));
  EXPECT_EQ(core_ops_of("aten::div.out_mode"), core_ops_of("aten::div"));
  EXPECT_EQ(core_ops_of("aten::sum.IntList_out"), core_ops_of("aten::sum"));
  EXPECT_EQ(core_ops_of("aten::max.dim_max"), core_ops_of("aten::max"));
  EXPECT_EQ(core_ops_of("aten::topk.values"), core_ops_of("aten.topk.default"));
}

TEST(AtenCoreOps, OpsThatBecomeNoNodeDeclareNothing) {
  for (const char* op : {"aten::clone.out", "aten.zeros.default", "aten.sym_size.int", "_operator.add"}) {
    std::optional<CoreOpSet> ops = core_ops_of(op);
    ASSERT_TRUE(ops.has_value()) << op;
    EXPECT_TRUE(ops->empty()) << op;
  }
}

TEST(AtenCoreOps, UnknownOpsHaveNoAnswer) {
  EXPECT_FALSE(core_ops_of("aten::add.NoSuchOverload").has_value());
  EXPECT_FALSE(core_ops_of("aten.add.Scalar_mode").has_value());
  EXPECT_FALSE(core_ops_of("aten::nonexistent").has_value());
  EXPECT_FALSE(core_ops_of("aten::nonexistent.out").has_value());
  EXPECT_FALSE(core_ops_of("aten::ad.out").has_value());  // a prefix of a name is not the name
  EXPECT_FALSE(core_ops_of("quantized_decomposed::quantize_per_tensor.out").has_value());
  EXPECT_FALSE(core_ops_of("").has_value());
}

TEST(AtenCoreOps, EachTargetHasOneConverterAndNoPlaceholders) {
  const std::vector<ConverterEntry>& table = all_converters();
  ASSERT_GT(table.size(), 200u);
  for (size_t i = 1; i < table.size(); ++i) {
    EXPECT_NE(std::string_view(table[i - 1].target), table[i].target) << "two converters for " << table[i].target;
  }
  for (const ConverterEntry& entry : table) EXPECT_FALSE(entry.emits.contains(OpKind::unmapped)) << entry.target;
}

}  // namespace
}  // namespace ingot::aten
