#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

std::vector<double> cumsum_1d(int exclusive, int reverse) {
  KernelTester t;
  t.input<double>({5}, {1, 2, 3, 4, 5}).output<double>({5});
  t.attr("axis", 0).attr("exclusive", exclusive).attr("reverse", reverse);
  EXPECT_EQ(t.run("cumsum.portable"), Error::ok) << t.message();
  return t.output_values<double>();
}

TEST(CumsumKernel, OneDimensionalVariants) {
  // [1 2 3 4 5]: running sums 1, 1+2, 1+2+3, ...
  EXPECT_EQ(cumsum_1d(0, 0), (std::vector<double>{1, 3, 6, 10, 15}));
  // Exclusive: the sum of the elements before each one.
  EXPECT_EQ(cumsum_1d(1, 0), (std::vector<double>{0, 1, 3, 6, 10}));
  // Reverse: from the end, 5, 5+4, 5+4+3, ... read back in place.
  EXPECT_EQ(cumsum_1d(0, 1), (std::vector<double>{15, 14, 12, 9, 5}));
  EXPECT_EQ(cumsum_1d(1, 1), (std::vector<double>{14, 12, 9, 5, 0}));
}

TEST(CumsumKernel, Axis0OfAMatrix) {
  // [[1 2 3] [4 5 6]] down the columns: [[1 2 3] [5 7 9]].
  KernelTester t;
  t.input<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6}).output<int32_t>({2, 3});
  t.attr("axis", 0).attr("exclusive", 0).attr("reverse", 0);
  ASSERT_EQ(t.run("cumsum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, 2, 3, 5, 7, 9}));
}

TEST(CumsumKernel, RunTimeNegativeAxis) {
  // axis -1 of [[1 2 3] [4 5 6]] along the rows: [[1 3 6] [4 9 15]].
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int32_t>({}, {-1}).output<float>({2, 3});
  t.attr("exclusive", 0).attr("reverse", 0);
  ASSERT_EQ(t.run("cumsum.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 3, 6, 4, 9, 15}));
}

TEST(CumsumKernel, RejectsRunTimeAxisOutOfRange) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<int64_t>({}, {2}).output<float>({2, 3});
  t.attr("exclusive", 0).attr("reverse", 0);
  EXPECT_EQ(t.run("cumsum.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis 2 is out of range for rank 2");
}

}  // namespace
}  // namespace ingot::rt
