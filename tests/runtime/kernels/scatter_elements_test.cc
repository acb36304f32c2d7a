#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ScatterElementsKernel, Axis1) {
  // ONNX's example: updates 1.1 and 2.1 land at columns 1 and 3.
  KernelTester t;
  t.input<float>({1, 5}, {1, 2, 3, 4, 5}).input<int64_t>({1, 2}, {1, 3}).input<float>({1, 2}, {1.1f, 2.1f});
  t.output<float>({1, 5}).attr("axis", 1).attr("reduction", "none");
  ASSERT_EQ(t.run("scatter_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 1.1f, 3, 2.1f, 5}));
}

TEST(ScatterElementsKernel, Axis0) {
  // out[indices[i][j]][j] = updates[i][j] on zeros:
  // (1,0)=1 (0,1)=1.1 (2,2)=1.2 (0,0)=2 (2,1)=2.1 (1,2)=2.2.
  KernelTester t;
  t.input<float>({3, 3}, std::vector<float>(9, 0.0f))
      .input<int32_t>({2, 3}, {1, 0, 2, 0, 2, 1})
      .input<float>({2, 3}, {1, 1.1f, 1.2f, 2, 2.1f, 2.2f});
  t.output<float>({3, 3}).attr("axis", 0).attr("reduction", "none");
  ASSERT_EQ(t.run("scatter_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{2, 1.1f, 0, 1, 0, 2.2f, 0, 2.1f, 1.2f}));
}

TEST(ScatterElementsKernel, DuplicatesWithoutReductionLastWins) {
  KernelTester t;
  t.input<float>({1, 3}, {1, 2, 3}).input<int64_t>({1, 2}, {1, 1}).input<float>({1, 2}, {7, 8});
  t.output<float>({1, 3}).attr("axis", 1).attr("reduction", "none");
  ASSERT_EQ(t.run("scatter_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 8, 3}));
}

TEST(ScatterElementsKernel, AddAccumulatesDuplicates) {
  // Column 1: 2 + 1.1 + 2.1 = 5.2.
  KernelTester t;
  t.input<float>({1, 5}, {1, 2, 3, 4, 5}).input<int64_t>({1, 2}, {1, 1}).input<float>({1, 2}, {1.1f, 2.1f});
  t.output<float>({1, 5}).attr("axis", 1).attr("reduction", "add");
  ASSERT_EQ(t.run("scatter_elements.portable"), Error::ok) << t.message();
  std::vector<float> out = t.output_values<float>();
  EXPECT_FLOAT_EQ(out[1], 5.2f);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[2], 3);
}

TEST(ScatterElementsKernel, MulWithNegativeIndex) {
  // Index -1 is column 3: 4 * 2 * 3 = 24.
  KernelTester t;
  t.input<int32_t>({1, 4}, {1, 2, 3, 4}).input<int64_t>({1, 2}, {-1, -1}).input<int32_t>({1, 2}, {2, 3});
  t.output<int32_t>({1, 4}).attr("axis", 1).attr("reduction", "mul");
  ASSERT_EQ(t.run("scatter_elements.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, 2, 3, 24}));
}

TEST(ScatterElementsKernel, RejectsIndexOutOfRange) {
  KernelTester t;
  t.input<float>({1, 5}, {1, 2, 3, 4, 5}).input<int64_t>({1, 1}, {5}).input<float>({1, 1}, {9});
  t.output<float>({1, 5}).attr("axis", 1).attr("reduction", "none");
  EXPECT_EQ(t.run("scatter_elements.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "index 5 is out of range for axis size 5");
}

}  // namespace
}  // namespace ingot::rt
