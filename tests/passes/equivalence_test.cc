// The passes keep meaning: every case of tests/passes/cases/*.ir computes the
// same outputs before the passes (every value in its own slot) and after them
// (with the real memory plan: aliasing and in-place writes), on random inputs.
// This checks the expected IR of the text tests numerically, and the memory
// plan on top.
#include <cmath>

#include <gtest/gtest.h>

#include "tests/passes/graph_runner.h"
#include "tests/passes/text_cases.h"

namespace ingot::testing {
namespace {

// Decompositions reassociate float arithmetic (layer_norm, gelu): allow a
// few ulps of float32 at the magnitudes random inputs give.
constexpr float kTolerance = 1e-5f;

void expect_close(const Bytes& before, const Bytes& after, const Value& output, const std::string& name) {
  ASSERT_EQ(before.size(), after.size()) << name << ": output " << output.name();
  if (output.type().dtype != DType::f32) {
    EXPECT_EQ(before, after) << name << ": output " << output.name();
    return;
  }
  const auto* a = reinterpret_cast<const float*>(before.data());
  const auto* b = reinterpret_cast<const float*>(after.data());
  for (size_t i = 0; i < before.size() / 4; ++i) {
    EXPECT_NEAR(a[i], b[i], kTolerance * (1 + std::abs(a[i]))) << name << ": output " << output.name() << "[" << i << "]";
  }
}

class PassEquivalenceTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(PassEquivalenceTest, SameOutputsBeforeAndAfter) {
  const TextCase& test = GetParam();
  Result<Graph> before = parse_graph(test.input);
  Result<Graph> after = parse_graph(test.input);
  ASSERT_TRUE(before.ok() && after.ok()) << test.name;
  ASSERT_TRUE(run_case_passes(test, *after).ok()) << test.name;
  // A case for a real target runs its result on that target's kernels
  // (packed weights need them), when this build and CPU have them.
  std::vector<std::string> kernels;
  if (!test.target.empty()) {
    Result<std::unique_ptr<Target>> target = Target::named(test.target);
    ASSERT_TRUE(target.ok()) << test.name;
    const std::vector<std::string> features = isa_features((*target)->isa());
    for (const std::string& feature : features) {
      if (!rt::cpu_supports(feature.c_str())) GTEST_SKIP() << test.name << ": this CPU has no " << feature;
    }
    const rt::KernelSet built = rt::builtin_kernels();
    for (const Node* node : after->nodes()) {
      Result<KernelChoice> choice = (*target)->choose(*node);
      ASSERT_TRUE(choice.ok()) << test.name;
      bool found = false;
      for (size_t i = 0; i < built.count; ++i) found = found || choice->kernel == built.entries[i].name;
      if (!found) GTEST_SKIP() << test.name << ": this build has no " << choice->kernel;
      kernels.push_back(choice->kernel);
    }
  }
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    const std::vector<Bytes> inputs = random_inputs(*before, seed);
    Result<std::vector<Bytes>> expected = run_graph(*before, plan_memory_without_reuse(*before), inputs);
    Result<std::vector<Bytes>> actual = run_graph(*after, plan_memory(*after), inputs, kernels);
    ASSERT_TRUE(expected.ok()) << test.name << ": " << expected.status().message();
    ASSERT_TRUE(actual.ok()) << test.name << ": " << actual.status().message();
    for (size_t i = 0; i < expected->size(); ++i) {
      expect_close((*expected)[i], (*actual)[i], *before->outputs()[i], test.name);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PassEquivalenceTest, ::testing::ValuesIn(all_cases()), case_test_name);

}  // namespace
}  // namespace ingot::testing
