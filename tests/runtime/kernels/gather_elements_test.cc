#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(GatherElementsKernel, Axis1) {
  // ONNX's example: out[i][j] = data[i][indices[i][j]];
  // row 0 picks 0, 0 -> 1 1; row 1 picks 1, 0 -> 4 3.
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<int64_t>({2, 2}, {0, 0, 1, 0}).output<float>({2, 2});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("gather_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 1, 4, 3}));
}

TEST(GatherElementsKernel, Axis0WithNegativeIndex) {
  // data [[1 2 3] [4 5 6] [7 8 9]], out[i][j] = data[indices[i][j]][j]:
  // [[data[1][0] data[2][1] data[0][2]] [data[2][0] data[0][1] data[-1 -> 2][2]]]
  // = [[4 8 3] [7 2 9]].
  KernelTester t;
  t.input<int32_t>({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .input<int32_t>({2, 3}, {1, 2, 0, 2, 0, -1})
      .output<int32_t>({2, 3});
  t.attr("axis", 0);
  ASSERT_EQ(t.run("gather_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{4, 8, 3, 7, 2, 9}));
}

TEST(GatherElementsKernel, IndicesNarrowerThanData) {
  // indices [2, 1] on data [2, 3], axis 1: column 0 of the output only;
  // row 0 picks data[0][2] = 3, row 1 data[1][1] = 5.
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int64_t>({2, 1}, {2, 1}).output<float>({2, 1});
  t.attr("axis", 1);
  ASSERT_EQ(t.run("gather_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 5}));
}

TEST(GatherElementsKernel, RejectsIndexOutOfRange) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<int64_t>({2, 2}, {0, 2, 1, 0}).output<float>({2, 2});
  t.attr("axis", 1);
  EXPECT_EQ(t.run("gather_elements.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "index 2 is out of range for axis size 2");
}

TEST(GatherElementsKernel, RejectsIndicesWiderThanData) {
  // Off the axis, indices dims must fit data's: 3 columns > 2.
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).input<int64_t>({1, 3}, {0, 0, 0}).output<float>({1, 3});
  t.attr("axis", 0);
  EXPECT_EQ(t.run("gather_elements.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
