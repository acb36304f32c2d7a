#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(ReduceProdKernel, MultipliesEachColumn) {
  KernelTester t;
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({1, 2});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_prod.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{3, 8}));  // 1*3, 2*4
}

TEST(ReduceProdKernel, EmptySetGivesOne) {
  KernelTester t;
  t.input<int32_t>({0, 3}, {}).output<int32_t>({3});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 0);
  ASSERT_EQ(t.run("reduce_prod.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{1, 1, 1}));
}

TEST(ReduceProdKernel, IntegersWrap) {
  KernelTester t;
  t.input<int32_t>({3}, {65536, 65536, -3}).output<int32_t>({1});
  t.attr("axes", std::vector<int64_t>{0}).attr("keepdims", 1);
  ASSERT_EQ(t.run("reduce_prod.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{0}));  // 2^32 * -3 is 0 mod 2^32
}

TEST(ReduceProdKernel, RejectsFloatAxes) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).input<float>({1}, {0}).output<float>({1});
  t.attr("keepdims", 1);
  EXPECT_EQ(t.run("reduce_prod.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the axes operand must hold integers");
}

}  // namespace
}  // namespace ingot::rt
