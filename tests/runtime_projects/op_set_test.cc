// Op sets: made from compiled programs, written and read as ops.yaml, and
// turned into the kernels of a target.
#include <string>

#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "compiler/op_set.h"
#include "compiler/program_needs.h"
#include "compiler/runtime_build.h"

namespace ingot {
namespace {

const std::string kTinyCnn = std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx";

OpSet op_set_for(const std::string& target) {
  CompileOptions options;
  options.target = target;
  Result<CompiledProgram> compiled = compile_program(kTinyCnn, options);
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
  Result<ProgramNeeds> needs = program_needs(compiled->bytes.data(), compiled->bytes.size(), kTinyCnn);
  EXPECT_TRUE(needs.ok()) << needs.status().message();
  OpSet set;
  EXPECT_TRUE(add_program(*needs, "tiny_cnn.onnx", source_model(*compiled), &set).ok());
  return set;
}

TEST(OpSet, NamesTheKernelsOfTheProgramWithTheirModelsAndSourceOps) {
  const OpSet set = op_set_for("x86-64");
  EXPECT_EQ(set.target, "x86-64");
  ASSERT_TRUE(set.models.count("tiny_cnn.onnx"));
  EXPECT_EQ(set.models.at("tiny_cnn.onnx").format, "onnx");
  EXPECT_TRUE(set.models.at("tiny_cnn.onnx").source_ops.count("Conv"));
  EXPECT_TRUE(set.dtypes.count("f32"));
  ASSERT_FALSE(set.kernels.empty());
  bool has_conv = false;
  for (const auto& [name, kernel] : set.kernels) {
    EXPECT_TRUE(name.ends_with(".avx2") || name.ends_with(".portable")) << name;
    EXPECT_EQ(kernel.models, std::set<std::string>{"tiny_cnn.onnx"});
    has_conv = has_conv || name.starts_with("conv.");
  }
  EXPECT_TRUE(has_conv);
}

TEST(OpSet, ReadsBackTheYamlItWrites) {
  const OpSet set = op_set_for("x86-64");
  const std::string text = op_set_yaml(set, "ingot test");
  Result<OpSet> parsed = parse_op_set_yaml(text, "ops.yaml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(op_set_yaml(*parsed, "ingot test"), text);
  EXPECT_EQ(parsed->kernels.size(), set.kernels.size());
}

TEST(OpSet, BadYamlIsAnErrorNamingTheFileAndLine) {
  Result<OpSet> broken = parse_op_set_yaml("format: ingot-ops\nkernels: [a, b\n", "ops.yaml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("ops.yaml: line"), std::string::npos) << broken.status().message();
  Result<OpSet> other = parse_op_set_yaml("operators: {}\n", "other.yaml");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not an ingot op set"), std::string::npos);
  Result<OpSet> bad_name =
      parse_op_set_yaml("format: ingot-ops\nversion: 1\ntarget: x86-64\nkernels:\n  conv.x:\n    op: conv\n", "k.yaml");
  ASSERT_FALSE(bad_name.ok());
  EXPECT_NE(bad_name.status().message().find("'conv.x'"), std::string::npos) << bad_name.status().message();
}

TEST(OpSet, ProgramsOfAnotherTargetDoNotMix) {
  OpSet set = op_set_for("x86-64");
  CompileOptions options;
  options.target = "aarch64";
  Result<CompiledProgram> compiled = compile_program(kTinyCnn, options);
  ASSERT_TRUE(compiled.ok());
  Result<ProgramNeeds> needs = program_needs(compiled->bytes.data(), compiled->bytes.size(), "arm.ingot");
  ASSERT_TRUE(needs.ok());
  Status added = add_program(*needs, "arm", source_model(*compiled), &set);
  ASSERT_FALSE(added.ok());
  EXPECT_NE(added.message().find("'aarch64'"), std::string::npos) << added.message();
}

TEST(OpSet, BecomesTheKernelsOfAnotherTarget) {
  const OpSet set = op_set_for("x86-64-avx512");
  for (const char* target : {"x86-64", "aarch64"}) {
    Result<cpp::RuntimeProjectSpec> spec = runtime_spec(set, target, "test");
    ASSERT_TRUE(spec.ok()) << spec.status().message();
    EXPECT_EQ(spec->manifest.kernels.size(), set.kernels.size());
    const std::string isa = std::string(target) == "x86-64" ? ".avx2" : ".neon";
    for (const std::string& kernel : spec->manifest.kernels) {
      EXPECT_TRUE(kernel.ends_with(isa) || kernel.ends_with(".portable")) << target << ": " << kernel;
    }
    EXPECT_EQ(spec->manifest.arch, std::string(target) == "x86-64" ? "x86_64" : "aarch64");
  }
  Result<cpp::RuntimeProjectSpec> portable = runtime_spec(set, "portable", "test");
  ASSERT_FALSE(portable.ok());
  EXPECT_NE(portable.status().message().find("target 'portable' has no kernel for"), std::string::npos)
      << portable.status().message();
}

}  // namespace
}  // namespace ingot
