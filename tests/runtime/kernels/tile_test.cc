#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(TileKernel, RepeatsAVector) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({6});
  t.attr("repeats", std::vector<int64_t>{3});
  ASSERT_EQ(t.run("tile.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 2, 1, 2, 1, 2}));
}

TEST(TileKernel, RepeatsAlongBothAxes) {
  KernelTester t;
  // x = (1; 2), a column; 2 copies down, 3 across.
  t.input<int64_t>({2, 1}, {1, 2}).output<int64_t>({4, 3});
  t.attr("repeats", std::vector<int64_t>{2, 3});
  ASSERT_EQ(t.run("tile.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<int64_t>(), (std::vector<int64_t>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
}

TEST(TileKernel, ZeroRepeatsGiveAnEmptyOutput) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({0});
  t.attr("repeats", std::vector<int64_t>{0});
  EXPECT_EQ(t.run("tile.portable"), Error::ok) << t.message();
}

TEST(TileKernel, RejectsAnOutputOfAnotherShape) {
  KernelTester t;
  t.input<float>({2}, {1, 2}).output<float>({5});
  t.attr("repeats", std::vector<int64_t>{2});
  EXPECT_EQ(t.run("tile.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "output dim 0 must be operand dim * repeats");
}

}  // namespace
}  // namespace ingot::rt
