#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;

TEST(SpaceToDepthKernel, MovesTilesIntoChannels) {
  KernelTester t;
  // x [1, 2, 2, 2]: x[c, h, w] = 4c + 2h + w. y[(2i + j) * 2 + c] = x[c, i, j]:
  // k = 0..7 -> (i,j,c) = (0,0,0) (0,0,1) (0,1,0) (0,1,1) (1,0,0) (1,0,1) (1,1,0) (1,1,1)
  t.input<float>({1, 2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}).output<float>({1, 8, 1, 1});
  t.attr("blocksize", 2);
  ASSERT_EQ(t.run("space_to_depth.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<float>(), (std::vector<float>{0, 4, 1, 5, 2, 6, 3, 7}));
}

TEST(SpaceToDepthKernel, SeveralTiles) {
  KernelTester t;
  // x [1, 1, 2, 4] = 0..7 (x[h, w] = 4h + w); tiles at w = 0-1 and 2-3.
  // y[2i + j, 0, w'] = x[i, 2w' + j]: k0 (0, 2), k1 (1, 3), k2 (4, 6), k3 (5, 7).
  t.input<uint8_t>({1, 1, 2, 4}, {0, 1, 2, 3, 4, 5, 6, 7}).output<uint8_t>({1, 4, 1, 2});
  t.attr("blocksize", 2);
  ASSERT_EQ(t.run("space_to_depth.portable"), Error::ok) << t.message();
  EXPECT_EQ(t.output_values<uint8_t>(), (std::vector<uint8_t>{0, 2, 1, 3, 4, 6, 5, 7}));
}

TEST(SpaceToDepthKernel, RejectsAHeightThatIsNotAMultiple) {
  KernelTester t;
  t.input<float>({1, 1, 3, 2}, {0, 1, 2, 3, 4, 5}).output<float>({1, 4, 1, 1});
  t.attr("blocksize", 2);
  EXPECT_EQ(t.run("space_to_depth.portable"), Error::kernel_failed);
  EXPECT_STREQ(t.message(), "the output shape does not fit space_to_depth with blocksize 2");
}

}  // namespace
}  // namespace ingot::rt
