#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(PadKernel, ConstantBeforeAndAfter) {
  KernelTester t;
  // pads [rows before, columns before, rows after, columns after] = [0, 1, 1, 0]
  t.input<float>({2, 2}, {1, 2, 3, 4}).output<float>({3, 3});
  t.attr("pads", std::vector<int64_t>{0, 1, 1, 0}).attr("mode", "constant").attr("value", 9.0);
  ASSERT_EQ(t.run("pad.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{9, 1, 2, 9, 3, 4, 9, 9, 9}));
}

TEST(PadKernel, ReflectPastTheAxisLength) {
  KernelTester t;
  // numpy's reflect of (1 2 3) repeats 1 2 3 2 | 1 2 3 2 ...
  t.input<int32_t>({3}, {1, 2, 3}).output<int32_t>({8});
  t.attr("pads", std::vector<int64_t>{2, 3}).attr("mode", "reflect").attr("value", 0.0);
  ASSERT_EQ(t.run("pad.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{3, 2, 1, 2, 3, 2, 1, 2}));
}

TEST(PadKernel, EdgeRepeatsTheBorder) {
  KernelTester t;
  t.input<float>({1, 3}, {1, 2, 3}).output<float>({2, 6});
  t.attr("pads", std::vector<int64_t>{0, 2, 1, 1}).attr("mode", "edge").attr("value", 0.0);
  ASSERT_EQ(t.run("pad.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3}));
}

TEST(PadKernel, NegativePadsCropFirst) {
  KernelTester constant;
  constant.input<float>({4}, {1, 2, 3, 4}).output<float>({5});
  constant.attr("pads", std::vector<int64_t>{-1, 2}).attr("mode", "constant").attr("value", 0.0);
  ASSERT_EQ(constant.run("pad.portable"), Error::ok) << constant.message();
  EXPECT_EQ(constant.output_values<float>(), (std::vector<float>{2, 3, 4, 0, 0}));

  // Crop the 4 off the end, then reflect (1 2 3) by 2 before it.
  KernelTester reflect;
  reflect.input<float>({4}, {1, 2, 3, 4}).output<float>({5});
  reflect.attr("pads", std::vector<int64_t>{2, -1}).attr("mode", "reflect").attr("value", 0.0);
  ASSERT_EQ(reflect.run("pad.portable"), Error::ok) << reflect.message();
  EXPECT_EQ(reflect.output_values<float>(), (std::vector<float>{3, 2, 1, 2, 3}));
}

TEST(PadKernel, RunTimePadsAndValue) {
  KernelTester t;
  t.input<int32_t>({2}, {5, 6}).input<int64_t>({2}, {1, 1}).input<int32_t>({}, {7}).output<int32_t>({4});
  t.attr("mode", "constant");
  ASSERT_EQ(t.run("pad.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int32_t>(), (std::vector<int32_t>{7, 5, 6, 7}));
}

TEST(PadKernel, RunTimeValueWithAttributePads) {
  KernelTester t;
  t.input<bool>({1}, {false}).absent_input().input<bool>({}, {true}).output<bool>({3});
  t.attr("pads", std::vector<int64_t>{1, 1}).attr("mode", "constant");
  ASSERT_EQ(t.run("pad.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (std::vector<uint8_t>{1, 0, 1}));  // bools, one byte each
}

TEST(PadKernel, RejectsEdgePaddingOfAnEmptyAxis) {
  KernelTester t;
  t.input<float>({0}, {}).output<float>({1});
  t.attr("pads", std::vector<int64_t>{1, 0}).attr("mode", "edge").attr("value", 0.0);
  EXPECT_EQ(t.run("pad.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "edge padding has no element to repeat along axis 0");
}

}  // namespace
}  // namespace ingot::rt
