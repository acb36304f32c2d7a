// Kernel tests of logical_not: expected values worked out by hand from the op's definition.
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

TEST(LogicalNotKernel, Negates) {
  KernelTester t;
  t.input<bool>({2, 2}, {true, false, false, true}).output<bool>({2, 2});
  ASSERT_EQ(t.run("logical_not.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 1, 1, 0}));
}

TEST(LogicalNotKernel, RejectsNonBool) {
  KernelTester t;
  t.input<float>({1}, {1}).output<float>({1});
  EXPECT_EQ(t.run("logical_not.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operand and result must be bool");
}

}  // namespace
}  // namespace ingot::rt
