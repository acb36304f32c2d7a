// Kernel tests of shift_left: expected values worked out by hand from the op's definition.
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

TEST(ShiftLeftKernel, Uint8) {
  KernelTester t;
  t.input<uint8_t>({4}, {1, 3, 255, 1}).input<uint8_t>({4}, {1, 2, 1, 8}).output<uint8_t>({4});
  ASSERT_EQ(t.run("shift_left.portable"), Error::ok) << t.message();
  // 1<<1 = 2, 3<<2 = 12, 255<<1 = 510 = 254 mod 256, 1<<8 = 256 = 0 mod 256
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{2, 12, 254, 0}));
}

TEST(ShiftLeftKernel, Uint64AndBroadcast) {
  KernelTester t;
  t.input<uint64_t>({3}, {1, 2, 3}).input<uint64_t>({}, {63}).output<uint64_t>({3});
  ASSERT_EQ(t.run("shift_left.portable"), Error::ok) << t.message();
  // 1<<63 = 9223372036854775808; 2<<63 and 3<<63 keep only bit 0 shifted: 0 and 2^63
  EXPECT_EQ(t.output_values<uint64_t>(), (std::vector<uint64_t>{9223372036854775808ull, 0, 9223372036854775808ull}));
}

TEST(ShiftLeftKernel, ShiftingByTheWidthGivesZero) {
  KernelTester t;
  t.input<uint32_t>({2}, {1, 1}).input<uint32_t>({2}, {32, 100}).output<uint32_t>({2});
  ASSERT_EQ(t.run("shift_left.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint32_t>(), (std::vector<uint32_t>{0, 0}));
}

TEST(ShiftLeftKernel, RejectsSignedIntegers) {
  KernelTester t;
  t.input<int32_t>({1}, {1}).input<int32_t>({1}, {1}).output<int32_t>({1});
  EXPECT_EQ(t.run("shift_left.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "expects unsigned integer operands, got i32");
}

}  // namespace
}  // namespace ingot::rt
