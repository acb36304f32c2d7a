#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(MatmulKernel, TwoDims) {
  // [[1 2 3] [4 5 6]] x [[7 8] [9 10] [11 12]]
  // row 0: 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64
  // row 1: 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<float>({3, 2}, {7, 8, 9, 10, 11, 12}).output<float>({2, 2});
  ASSERT_EQ(t.run("matmul.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{58, 64, 139, 154}));
}

TEST(MatmulKernel, VectorTimesVectorIsAScalar) {
  // 1*4 + 2*5 + 3*6 = 32
  KernelTester t;
  t.input<float>({3}, {1, 2, 3}).input<float>({3}, {4, 5, 6}).output<float>({});
  ASSERT_EQ(t.run("matmul.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{32}));
}

TEST(MatmulKernel, VectorOperandsDropTheirUnitDim) {
  // Row vector [1 2] x [[1 2 3] [4 5 6]] = [1+8, 2+10, 3+12] = [9 12 15], shape [3].
  KernelTester row;
  row.input<double>({2}, {1, 2}).input<double>({2, 3}, {1, 2, 3, 4, 5, 6}).output<double>({3});
  ASSERT_EQ(row.run("matmul.portable"), Error::ok) << row.message();
  EXPECT_EQ(row.output_values<double>(), (std::vector<double>{9, 12, 15}));
  // [[1 2] [3 4]] x column [5 6] = [5+12, 15+24] = [17 39], shape [2].
  KernelTester column;
  column.input<double>({2, 2}, {1, 2, 3, 4}).input<double>({2}, {5, 6}).output<double>({2});
  ASSERT_EQ(column.run("matmul.portable"), Error::ok) << column.message();
  EXPECT_EQ(column.output_values<double>(), (std::vector<double>{17, 39}));
}

TEST(MatmulKernel, BatchDimsBroadcast) {
  // a [2,1 | 1,2]: rows a0 = [1 2], a1 = [3 4]; b [3 | 2,1]: columns
  // b0 = [1 0], b1 = [0 1], b2 = [1 1]. Batch [2,1] with [3] gives [2,3]:
  // y[i][j] = ai . bj = [1 2 3] for a0 and [3 4 7] for a1.
  KernelTester t;
  t.input<float>({2, 1, 1, 2}, {1, 2, 3, 4}).input<float>({3, 2, 1}, {1, 0, 0, 1, 1, 1}).output<float>({2, 3, 1, 1});
  ASSERT_EQ(t.run("matmul.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{1, 2, 3, 3, 4, 7}));
}

TEST(MatmulKernel, IntegersWrapLikeTheirType) {
  // i32: -3*5 + 4*6 = 9.
  KernelTester i32;
  i32.input<int32_t>({1, 2}, {-3, 4}).input<int32_t>({2, 1}, {5, 6}).output<int32_t>({1, 1});
  ASSERT_EQ(i32.run("matmul.portable"), Error::ok) << i32.message();
  EXPECT_EQ(i32.output_values<int32_t>(), (std::vector<int32_t>{9}));
  // u32: 3000000000*2 + 1*5 = 6000000005, mod 2^32 = 6000000005 - 4294967296 = 1705032709.
  KernelTester u32;
  u32.input<uint32_t>({1, 2}, {3000000000u, 1}).input<uint32_t>({2, 1}, {2, 5}).output<uint32_t>({1, 1});
  ASSERT_EQ(u32.run("matmul.portable"), Error::ok) << u32.message();
  EXPECT_EQ(u32.output_values<uint32_t>(), (std::vector<uint32_t>{1705032709u}));
}

TEST(MatmulKernel, RejectsDifferentInnerDims) {
  KernelTester t;
  t.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).input<float>({2, 2}, {1, 2, 3, 4}).output<float>({2, 2});
  EXPECT_EQ(t.run("matmul.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "inner dims differ: 3 and 2");
}

TEST(MatmulKernel, RejectsBatchDimsThatDoNotBroadcast) {
  KernelTester t;
  t.input<float>({2, 1, 1}, {1, 2}).input<float>({3, 1, 1}, {1, 2, 3}).output<float>({3, 1, 1});
  EXPECT_EQ(t.run("matmul.portable"), Error::kernel_failed);
}

}  // namespace
}  // namespace ingot::rt
