// Kernel tests of shift_right: expected values worked out by hand from the op's definition.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/elementwise_test_util.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Bytes = std::vector<uint8_t>;
using testing::kNaN;
using testing::kInf;

TEST(ShiftRightKernel, Uint16) {
  KernelTester t;
  t.input<uint16_t>({4}, {16, 255, 65535, 7}).input<uint16_t>({4}, {4, 1, 15, 16}).output<uint16_t>({4});
  ASSERT_EQ(t.run("shift_right.portable"), Error::ok) << t.message();
  // 16>>4 = 1, 255>>1 = 127, 65535>>15 = 1, 7>>16 = 0 (past the width)
  EXPECT_EQ(t.output_values<uint16_t>(), (std::vector<uint16_t>{1, 127, 1, 0}));
}

TEST(ShiftRightKernel, Broadcasts) {
  KernelTester t;
  t.input<uint32_t>({2, 1}, {256, 4096}).input<uint32_t>({2}, {4, 8}).output<uint32_t>({2, 2});
  ASSERT_EQ(t.run("shift_right.portable"), Error::ok) << t.message();
  // 256>>4 = 16, 256>>8 = 1, 4096>>4 = 256, 4096>>8 = 16
  EXPECT_EQ(t.output_values<uint32_t>(), (std::vector<uint32_t>{16, 1, 256, 16}));
}

TEST(ShiftRightKernel, RejectsFloats) {
  KernelTester t;
  t.input<float>({1}, {1}).input<float>({1}, {1}).output<float>({1});
  EXPECT_EQ(t.run("shift_right.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects unsigned integer operands, got f32");
}

}  // namespace
}  // namespace ingot::rt
