// conv.depthwise_interleaved (depthwise_interleaved_f32.h) of this build (x86
// natively, NEON under qemu: simd_variants.h) against the portable conv on
// awkward sizes: channel counts below, at and above the lane counts of every
// ISA (partial blocks), planes from 1x1 to several bands of rows, odd and
// unequal widths and heights, strides 1 and 2, symmetric and
// asymmetric padding, 3x3 and 5x5 taps, bias absent and present, fused relu,
// clip and silu (the last also exactly the ISA's standalone silu), two images. Shapes the kernel does not take are refused, never
// run. The portable kernel sums in double, these in f32.
#include <array>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "kernels/simd/depthwise_interleaved_f32.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

// A namespace of its own: the unity build joins this file with others whose
// anonymous namespaces have a Case, a run or kActivations too.
namespace ingot::rt::depthwise_interleaved_test {
namespace {

using testing::Activation;
using testing::KernelTester;
using testing::SimdVariant;
using testing::random_values;
using testing::set_activation;

const std::vector<Activation> kActivations{{"", {}}, {"relu", {}}, {"clip", {-0.5, 1.0}}, {"silu", {}}};

struct Case {
  int64_t n, c, h, w, k, stride;
  std::array<int64_t, 4> pads;  // top, left, bottom, right
};

int64_t out_dim(int64_t in, int64_t k, int64_t stride, int64_t begin, int64_t end) { return (in + begin + end - k) / stride + 1; }

simd::DepthwiseShape shape_of(const Case& c) {
  return {c.h, c.w, out_dim(c.h, c.k, c.stride, c.pads[0], c.pads[2]), out_dim(c.w, c.k, c.stride, c.pads[1], c.pads[3]),
          c.k, c.k, c.stride, c.pads[0], c.pads[1]};
}

Error run(const std::string& kernel, const Case& c, bool bias, const Activation& act, std::vector<float>* y,
          std::string* message = nullptr) {
  const simd::DepthwiseShape s = shape_of(c);
  KernelTester t;
  t.input<float>({c.n, c.c, c.h, c.w}, random_values(c.n * c.c * c.h * c.w, 20));
  t.input<float>({c.c, 1, c.k, c.k}, random_values(c.c * c.k * c.k, 21));
  if (bias) t.input<float>({c.c}, random_values(c.c, 22));
  t.output<float>({c.n, c.c, s.oh, s.ow});
  t.attr("strides", std::vector<int64_t>{c.stride, c.stride});
  t.attr("pads", std::vector<int64_t>{c.pads[0], c.pads[1], c.pads[2], c.pads[3]});
  t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", c.c);
  set_activation(t, act);
  const Error e = t.run(kernel.c_str());
  if (e == Error::ok) *y = t.output_values<float>();
  if (message != nullptr) *message = t.message();
  return e;
}

std::vector<Case> cases() {
  std::vector<Case> all;
  for (int64_t c : {1, 3, 4, 8, 17, 37}) {
    for (auto [h, w] : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {2, 3}, {7, 7}, {9, 5}, {13, 17}, {14, 14}, {28, 28}}) {
      for (int64_t stride : {1, 2}) {
        all.push_back({1, c, h, w, 3, stride, {1, 1, 1, 1}});
        all.push_back({1, c, h, w, 5, stride, {2, 2, 2, 2}});
        if (h >= 3 && w >= 3) all.push_back({1, c, h, w, 3, stride, {0, 0, 0, 0}});
        all.push_back({1, c, h, w, 3, stride, {0, 0, 1, 1}});  // "same" padding of a stride-2 layer exported from TF
        if (h >= 2 && w >= 2) all.push_back({1, c, h, w, 5, stride, {1, 2, 2, 1}});
      }
    }
  }
  all.push_back({2, 19, 7, 7, 3, 1, {1, 1, 1, 1}});    // two images
  all.push_back({2, 21, 14, 14, 5, 2, {2, 2, 2, 2}});  // and stride 2
  all.push_back({1, 5, 30, 30, 3, 1, {1, 1, 1, 1}});   // one band on AVX-512: 32 x 32 x 16 floats
  all.push_back({1, 5, 40, 120, 3, 1, {1, 1, 1, 1}});  // several bands of rows on every ISA
  all.push_back({1, 9, 23, 131, 5, 2, {2, 2, 2, 2}});
  all.push_back({1, 3, 57, 112, 3, 2, {0, 0, 1, 1}});
  return all;
}

TEST(SimdDepthwiseKernels, InterleavedMatchesThePortableKernel) {
  const std::vector<SimdVariant> variants = testing::simd_variants("conv", "depthwise_interleaved");
  if (variants.empty()) GTEST_SKIP() << "no conv.depthwise_interleaved variant this CPU can run";
  for (const SimdVariant& v : variants) {
    const int64_t lanes = simd::interleaved_lanes(v.isa);
    ASSERT_GT(lanes, 0) << v.name;
    int ran = 0;
    for (const Case& c : cases()) {
      const std::string where = v.name + " n=" + std::to_string(c.n) + " c=" + std::to_string(c.c) + " " + std::to_string(c.h) + "x" +
                                std::to_string(c.w) + " k=" + std::to_string(c.k) + " stride=" + std::to_string(c.stride) +
                                " pads=" + std::to_string(c.pads[0]) + "," + std::to_string(c.pads[1]) + "," +
                                std::to_string(c.pads[2]) + "," + std::to_string(c.pads[3]);
      if (c.h + c.pads[0] + c.pads[2] < c.k || c.w + c.pads[1] + c.pads[3] < c.k) continue;  // no output
      const simd::DepthwiseShape s = shape_of(c);
      for (const Activation& act : kActivations) {
        const bool bias = (c.c + c.h) % 2 == 1;
        std::vector<float> actual, expected;
        ASSERT_EQ(run("conv.portable", c, bias, act, &expected), Error::ok) << where;
        if (!simd::interleaved_fits(s, lanes)) {
          EXPECT_EQ(run(v.name, c, bias, act, &actual), Error::kernel_failed) << where << " must be refused";
          continue;
        }
        std::string message;
        ASSERT_EQ(run(v.name, c, bias, act, &actual, &message), Error::ok) << where << ": " << message;
        ASSERT_EQ(actual.size(), expected.size()) << where;
        for (size_t i = 0; i < actual.size(); ++i) {
          ASSERT_NEAR(actual[i], expected[i], 1e-4 * (1 + std::abs(expected[i]))) << where << " " << act.kind << " element " << i;
        }
        ++ran;
      }
      if (!simd::interleaved_fits(s, lanes)) continue;
      testing::expect_fused_silu_is_standalone(
          v,
          [&](const Activation& act) {
            std::vector<float> y;
            EXPECT_EQ(run(v.name, c, (c.c + c.h) % 2 == 1, act, &y), Error::ok) << where;
            return y;
          },
          where);
    }
    EXPECT_GT(ran, 100) << v.name << " ran too few cases";
  }
}

TEST(SimdDepthwiseKernels, InterleavedRefusesWhatItDoesNotTake) {
  for (const SimdVariant& v : testing::simd_variants("conv", "depthwise_interleaved")) {
    std::vector<float> y;
    // 7x7 taps, stride 3, rows too wide for the buffer.
    EXPECT_EQ(run(v.name, {1, 4, 9, 9, 7, 1, {3, 3, 3, 3}}, true, kActivations[0], &y), Error::kernel_failed) << v.name;
    EXPECT_EQ(run(v.name, {1, 4, 9, 9, 3, 3, {1, 1, 1, 1}}, true, kActivations[0], &y), Error::kernel_failed) << v.name;
    EXPECT_EQ(run(v.name, {1, 2, 3, 1400, 3, 1, {1, 1, 1, 1}}, true, kActivations[0], &y), Error::kernel_failed) << v.name;
    // A bias of the wrong length.
    KernelTester b;
    b.input<float>({1, 3, 5, 5}, random_values(75, 1)).input<float>({3, 1, 3, 3}, random_values(27, 2)).input<float>({2}, random_values(2, 3));
    b.output<float>({1, 3, 5, 5});
    b.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{1, 1, 1, 1});
    b.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 3);
    EXPECT_EQ(b.run(v.name.c_str()), Error::kernel_failed) << v.name;
    // Not depthwise: group 1 with two channels.
    KernelTester t;
    t.input<float>({1, 2, 5, 5}, random_values(50, 1)).input<float>({2, 2, 3, 3}, random_values(36, 2)).output<float>({1, 2, 5, 5});
    t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{1, 1, 1, 1});
    t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", 1);
    EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

}  // namespace
}  // namespace ingot::rt::depthwise_interleaved_test
