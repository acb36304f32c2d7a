// Kernel tests of logical_xor: expected values worked out by hand from the op's definition.
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

TEST(LogicalXorKernel, TruthTable) {
  KernelTester t;
  t.input<bool>({4}, {false, false, true, true}).input<bool>({4}, {false, true, false, true}).output<bool>({4});
  ASSERT_EQ(t.run("logical_xor.portable"), Error::ok) << t.message();
  // (F,F) (F,T) (T,F) (T,T)
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 1, 1, 0}));
}

TEST(LogicalXorKernel, Broadcasts) {
  KernelTester t;
  t.input<bool>({2, 1}, {true, false}).input<bool>({3}, {true, false, true}).output<bool>({2, 3});
  ASSERT_EQ(t.run("logical_xor.portable"), Error::ok) << t.message();
  // y[i][j] = a[i] op b[j]: row 0 pairs T with T,F,T; row 1 pairs F with T,F,T
  EXPECT_EQ(t.output_bytes(), (Bytes{0, 1, 0, 1, 0, 1}));
}

TEST(LogicalXorKernel, RejectsNonBoolOperands) {
  KernelTester t;
  t.input<uint8_t>({1}, {1}).input<uint8_t>({1}, {1}).output<bool>({1});
  EXPECT_EQ(t.run("logical_xor.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "operands and result must be bool");
}

}  // namespace
}  // namespace ingot::rt
