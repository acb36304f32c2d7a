#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ScatterNdKernel, ElementUpdates) {
  // ONNX's example: 9, 10, 11, 12 land at positions 4, 3, 1, 7.
  KernelTester t;
  t.input<float>({8}, {1, 2, 3, 4, 5, 6, 7, 8})
      .input<int64_t>({4, 1}, {4, 3, 1, 7})
      .input<float>({4}, {9, 10, 11, 12});
  t.output<float>({8}).attr("reduction", "none");
  ASSERT_EQ(t.run("scatter_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 11, 3, 10, 9, 6, 7, 12}));
}

TEST(ScatterNdKernel, SliceUpdates) {
  // Tuple (1) replaces row 1 of a [2, 2] zero matrix with [5 6].
  KernelTester t;
  t.input<float>({2, 2}, {0, 0, 0, 0}).input<int32_t>({1, 1}, {1}).input<float>({1, 2}, {5, 6});
  t.output<float>({2, 2}).attr("reduction", "none");
  ASSERT_EQ(t.run("scatter_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 0, 5, 6}));
}

TEST(ScatterNdKernel, AddAccumulatesDuplicates) {
  // Position 0: 1 + 2 + 3 = 6; position 2: 1 + 4 = 5.
  KernelTester t;
  t.input<int64_t>({4}, {1, 1, 1, 1}).input<int64_t>({3, 1}, {0, 0, 2}).input<int64_t>({3}, {2, 3, 4});
  t.output<int64_t>({4}).attr("reduction", "add");
  ASSERT_EQ(t.run("scatter_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{6, 1, 5, 1}));
}

TEST(ScatterNdKernel, MulWithNegativeIndex) {
  // Tuple (-1) is position 3: 4 * 2 = 8; position 1: 2 * 3 = 6.
  KernelTester t;
  t.input<float>({4}, {1, 2, 3, 4}).input<int64_t>({2, 1}, {-1, 1}).input<float>({2}, {2, 3});
  t.output<float>({4}).attr("reduction", "mul");
  ASSERT_EQ(t.run("scatter_nd.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 6, 3, 8}));
}

TEST(ScatterNdKernel, RejectsIndexOutOfRange) {
  KernelTester t;
  t.input<float>({2, 2}, {0, 0, 0, 0}).input<int64_t>({1, 2}, {0, 2}).input<float>({1}, {1});
  t.output<float>({2, 2}).attr("reduction", "none");
  EXPECT_EQ(t.run("scatter_nd.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "index 2 is out of range for dim 1 of size 2");
}

TEST(ScatterNdKernel, RejectsUpdatesOfTheWrongShape) {
  KernelTester t;
  t.input<float>({2, 2}, {0, 0, 0, 0}).input<int64_t>({1, 1}, {0}).input<float>({1, 3}, {1, 2, 3});
  t.output<float>({2, 2}).attr("reduction", "none");
  EXPECT_EQ(t.run("scatter_nd.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
