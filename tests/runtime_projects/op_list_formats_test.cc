// The peers' op lists: ONNX Runtime's required_operators.config and
// ExecuTorch's selected_operators.yaml, read into source ops and dtypes.
#include <string>

#include <gtest/gtest.h>

#include "compiler/op_lists.h"
#include "compiler/source_op_list.h"

namespace ingot {
namespace {

TEST(OnnxRuntimeOpList, ReadsOpsDomainsAndTypeReduction) {
  Result<SourceOpList> list = parse_onnxruntime_config(
      "# a comment\n"
      "ai.onnx;12;Add,Cast{\"inputs\": {\"0\": [\"float\", \"int32_t\"]}, \"outputs\": {\"0\": [\"int64_t\"]}},Concat\n"
      "com.microsoft;1;FusedConv\n",
      "ops.config");
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->ops.size(), 4u);
  EXPECT_EQ(list->ops[1].name, "Cast");
  EXPECT_EQ(list->ops[1].dtypes, (std::set<std::string>{"f32", "i32", "i64"}));
  EXPECT_EQ(list->ops[2].name, "Concat");
  EXPECT_TRUE(list->ops[2].dtypes.empty());
  EXPECT_EQ(list->ops[3].domain, "com.microsoft");
  EXPECT_EQ(list->ops[3].origin, "ops.config:3");
}

TEST(OnnxRuntimeOpList, ReadsGloballyAllowedTypesAndRejectsBadLines) {
  Result<SourceOpList> list = parse_onnxruntime_config("!globally_allowed_types;float,int64_t\nai.onnx;13;Relu\n", "g");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->dtypes, (std::set<std::string>{"f32", "i64"}));
  Result<SourceOpList> bad = parse_onnxruntime_config("ai.onnx;13;Relu\nConv\n", "bad.config");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.config:2"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(parse_onnxruntime_config("ai.onnx;13;Cast{not json}\n", "j").ok());
}

TEST(ExecuTorchOpList, ReadsOperatorsAndKernelDtypes) {
  Result<SourceOpList> list = parse_executorch_yaml(
      "include_all_operators: false\n"
      "operators:\n"
      "  aten::add.out:\n    is_root_operator: true\n"
      "  aten::convolution.out:\n    is_root_operator: true\n"
      "et_kernel_metadata:\n  aten::add.out:\n    - v1/6;0,1,2,3|6;0,1,2,3|4;0\n",
      "selected.yaml");
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->ops.size(), 2u);
  EXPECT_EQ(list->ops[0].name, "aten::add.out");
  EXPECT_EQ(list->ops[0].dtypes, (std::set<std::string>{"f32", "i64"}));
  EXPECT_TRUE(list->ops[1].dtypes.empty());
  EXPECT_FALSE(parse_executorch_yaml("something: 1\n", "x.yaml").ok());
}

TEST(SourceOpKernels, RestrictsKernelsToTheListedDtypesAndTheTarget) {
  Result<SourceOpList> list = parse_onnxruntime_config("ai.onnx;13;Add{\"inputs\": {\"0\": [\"int64_t\"]}},Relu\n", "l");
  ASSERT_TRUE(list.ok());
  Result<OpSet> set = kernels_for_source_ops(*list, "x86-64-avx512");
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_TRUE(set->kernels.count("add.portable"));
  EXPECT_FALSE(set->kernels.count("add.vec.f32.avx512")) << "Add is listed for i64 only";
  EXPECT_FALSE(set->kernels.count("add.vec.f32.avx2")) << "one ISA per kind: the target's best";
  EXPECT_TRUE(set->kernels.count("relu.portable"));
  EXPECT_TRUE(set->kernels.count("copy.portable"));
  Result<SourceOpList> unknown = parse_onnxruntime_config("ai.onnx;13;Frobnicate\n", "u.config");
  ASSERT_TRUE(unknown.ok());
  Result<OpSet> refused = kernels_for_source_ops(*unknown, "x86-64");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("u.config:1: ingot does not know the ONNX op 'ai.onnx:Frobnicate'"),
            std::string::npos)
      << refused.status().message();
}

}  // namespace
}  // namespace ingot
