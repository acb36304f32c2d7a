#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(DepthToSpaceKernel, DcrTakesDepthFirst) {
  KernelTester t;
  // x [1, 8, 1, 1] = 0..7, block 2, C' = 2: y[c, i, j] = x[(2i + j) * 2 + c]
  t.input<float>({1, 8, 1, 1}, {0, 1, 2, 3, 4, 5, 6, 7}).output<float>({1, 2, 2, 2});
  t.attr("blocksize", 2).attr("mode", "DCR");
  ASSERT_EQ(t.run("depth_to_space.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 2, 4, 6, 1, 3, 5, 7}));
}

TEST(DepthToSpaceKernel, CrdTakesColumnAndRowFirst) {
  KernelTester t;
  // y[c, i, j] = x[4c + 2i + j]
  t.input<float>({1, 8, 1, 1}, {0, 1, 2, 3, 4, 5, 6, 7}).output<float>({1, 2, 2, 2});
  t.attr("blocksize", 2).attr("mode", "CRD");
  ASSERT_EQ(t.run("depth_to_space.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(DepthToSpaceKernel, TilesInterleaveAcrossWidth) {
  KernelTester t;
  // x [1, 4, 1, 2]: x[k, 0, w] = 2k + w. y[0, i, 2w + j] = x[2i + j, 0, w]:
  // row 0: (k0 w0, k1 w0, k0 w1, k1 w1) = (0, 2, 1, 3); row 1 with k2, k3: (4, 6, 5, 7).
  t.input<int32_t>({1, 4, 1, 2}, {0, 1, 2, 3, 4, 5, 6, 7}).output<int32_t>({1, 1, 2, 4});
  t.attr("blocksize", 2).attr("mode", "DCR");
  ASSERT_EQ(t.run("depth_to_space.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{0, 2, 1, 3, 4, 6, 5, 7}));
}

TEST(DepthToSpaceKernel, RejectsAnUnknownMode) {
  KernelTester t;
  t.input<float>({1, 4, 1, 1}, {0, 1, 2, 3}).output<float>({1, 1, 2, 2});
  t.attr("blocksize", 2).attr("mode", "XYZ");
  EXPECT_EQ(t.run("depth_to_space.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "mode must be DCR or CRD, not 'XYZ'");
}

}  // namespace
}  // namespace ingot::rt
