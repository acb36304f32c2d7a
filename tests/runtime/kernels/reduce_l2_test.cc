#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceL2Kernel, EuclideanNormOfEachRow) {
  KernelTester t;
  t.input<float>({2, 3}, {3, 4, 0, 1, -2, 2}).output<float>({2});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_l2.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{5, 3}));  // sqrt(9+16), sqrt(1+4+4)
}

TEST(ReduceL2Kernel, IntegersTruncate) {
  KernelTester t;
  t.input<int32_t>({2, 2}, {3, 4, 1, 1}).output<int32_t>({2, 1});
  t.attr("axes", std::vector<int64_t>{1}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_l2.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{5, 1}));  // sqrt(25), sqrt(2) = 1.41
}

TEST(ReduceL2Kernel, EmptySetGivesZero) {
  KernelTester t;
  t.input<double>({0}, {}).output<double>({});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_l2.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<double>(), (std::vector<double>{0}));
}

TEST(ReduceL2Kernel, RejectsARunTimeAxisOutOfRange) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).input<int64_t>({1}, {-2}).output<float>({1});
  t.attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_l2.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "axis -2 is out of range for rank 1");
}

}  // namespace
}  // namespace ingot::rt
