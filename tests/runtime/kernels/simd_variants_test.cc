// The variant lists as the tests see them (simd_variants.h): a build for
// x86-64 or AArch64 has a variant of every SIMD family, with an ISA whose
// CPU features the tests know, so that no family goes untested silently.
#include <gtest/gtest.h>

#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

TEST(SimdVariants, EveryFamilyHasAVariantOnThisArchitecture) {
#if defined(__x86_64__) || defined(__aarch64__)
  const std::vector<std::pair<const char*, const char*>> families{
      {"add", "vec"},        {"sub", "vec"},        {"mul", "vec"},          {"div", "vec"},
      {"matmul", "tiled"},   {"gemm", "tiled"},     {"conv", "pointwise"},   {"conv", "depthwise"},   {"conv", "depthwise_interleaved"},
      {"conv", "shifted"},   {"conv", "im2col"},   {"conv", "winograd"}, {"max_pool", "window"},  {"avg_pool", "window"},
      {"global_avg_pool", "vec"}, {"reduce_mean", "rows"}, {"softmax", "row"}, {"layer_norm", "row"},
      {"sigmoid", "vec"},    {"silu", "vec"},       {"erf", "vec"},        {"pow", "square"},       {"transpose", "runs"},
      {"slice", "runs"}};
  for (const auto& [op, kind] : families) {
    const std::vector<testing::SimdVariant> variants = testing::all_simd_variants(op, kind);
    EXPECT_FALSE(variants.empty()) << op << "." << kind;
    for (const testing::SimdVariant& v : variants) EXPECT_FALSE(testing::isa_features(v.isa).empty()) << v.name;
  }
#else
  GTEST_SKIP() << "no optimized kernels on this architecture";
#endif
}

#if defined(__aarch64__)
TEST(SimdVariants, AArch64HasNeon) {
  EXPECT_TRUE(cpu_supports("neon"));
  EXPECT_FALSE(cpu_supports("avx2"));
}
#endif

}  // namespace
}  // namespace ingot::rt
