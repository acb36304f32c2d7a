// expand_depthwise: the portable kernel against its definition, the 1x1
// conv and the depthwise conv run one after the other through conv.portable
// (exactly: the same sums in the same order); every optimized variant of
// this build (expand_depthwise_f32.h) against the portable kernel on
// awkward sizes: input and expanded channel counts below, at and above the
// lane counts (partial channel blocks, a partial last GEMM panel), planes
// from 1x1 to several bands of rows, odd widths, strides 1 and 2 with
// symmetric and "same"-style asymmetric padding, 3x3 and 5x5 taps, relu6
// (clip), silu or no activation on either conv, two images, and on three
// threads (parts of the rows expanded twice). Shapes the kernel does not
// take are refused, never run.
#include <array>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "ingot/thread_pool.h"
#include "kernels/simd/expand_depthwise_f32.h"
#include "kernels/simd/pack_f32.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

// A namespace of its own: the unity build joins this file with others whose
// anonymous namespaces have a Case or a run too.
namespace ingot::rt::expand_depthwise_test {
namespace {

using testing::Activation;
using testing::KernelTester;
using testing::SimdVariant;
using testing::random_values;

const Activation kNone{"", {}}, kRelu6{"clip", {0.0, 6.0}}, kSilu{"silu", {}};

struct Case {
  int64_t n, c, e, h, w, k, stride;
  std::array<int64_t, 4> pads;  // top, left, bottom, right
};

int64_t out_dim(int64_t in, int64_t k, int64_t stride, int64_t begin, int64_t end) { return (in + begin + end - k) / stride + 1; }

simd::ExpandDepthwiseShape shape_of(const Case& c) {
  return {{c.h, c.w, out_dim(c.h, c.k, c.stride, c.pads[0], c.pads[2]), out_dim(c.w, c.k, c.stride, c.pads[1], c.pads[3]), c.k, c.k,
           c.stride, c.pads[0], c.pads[1]},
          c.c,
          c.e};
}

std::string describe(const Case& c) {
  return "n=" + std::to_string(c.n) + " c=" + std::to_string(c.c) + " e=" + std::to_string(c.e) + " " + std::to_string(c.h) + "x" +
         std::to_string(c.w) + " k=" + std::to_string(c.k) + " stride=" + std::to_string(c.stride) + " pads=" + std::to_string(c.pads[0]) +
         "," + std::to_string(c.pads[1]) + "," + std::to_string(c.pads[2]) + "," + std::to_string(c.pads[3]);
}

// The operands of a case: x, the expand's weights [E, C], its bias, the
// depthwise's taps and bias (scaled so that relu6 clips some values).
struct Operands {
  std::vector<float> x, w_expand, b_expand, w, bias;
  explicit Operands(const Case& c)
      : x(random_values(c.n * c.c * c.h * c.w, 30)),
        w_expand(random_values(c.e * c.c, 31, 1.5f)),
        b_expand(random_values(c.e, 32)),
        w(random_values(c.e * c.k * c.k, 33, 0.7f)),
        bias(random_values(c.e, 34)) {}
};

void set_window(KernelTester& t, const Case& c) {
  t.attr("strides", std::vector<int64_t>{c.stride, c.stride});
  t.attr("pads", std::vector<int64_t>{c.pads[0], c.pads[1], c.pads[2], c.pads[3]});
  t.attr("dilations", std::vector<int64_t>{1, 1});
}

void set_activations(KernelTester& t, const Activation& expand, const Activation& act) {
  if (expand.kind[0] != '\0') t.attr("expand_activation", expand.kind);
  if (!expand.params.empty()) t.attr("expand_activation_params", expand.params);
  testing::set_activation(t, act);
}

// The definition: conv.portable twice.
std::vector<float> two_convs(const Case& c, const Operands& o, const Activation& expand, const Activation& act) {
  KernelTester first;
  first.input<float>({c.n, c.c, c.h, c.w}, o.x).input<float>({c.e, c.c, 1, 1}, o.w_expand).input<float>({c.e}, o.b_expand);
  first.output<float>({c.n, c.e, c.h, c.w});
  first.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
  first.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", int64_t{1});
  testing::set_activation(first, expand);
  EXPECT_EQ(first.run("conv.portable"), Error::ok) << first.message();
  const simd::ExpandDepthwiseShape s = shape_of(c);
  KernelTester second;
  second.input<float>({c.n, c.e, c.h, c.w}, first.output_values<float>()).input<float>({c.e, 1, c.k, c.k}, o.w).input<float>({c.e}, o.bias);
  second.output<float>({c.n, c.e, s.dw.oh, s.dw.ow});
  set_window(second, c);
  second.attr("group", c.e);
  testing::set_activation(second, act);
  EXPECT_EQ(second.run("conv.portable"), Error::ok) << second.message();
  return second.output_values<float>();
}

// expand_depthwise on `kernel`; packed_cols > 0: w_expand in column panels of that width.
Error run(const std::string& kernel, const Case& c, const Operands& o, const Activation& expand, const Activation& act, int64_t packed_cols,
          std::vector<float>* y, std::string* message = nullptr, ThreadPool* pool = nullptr) {
  std::vector<float> transposed(o.w_expand.size());
  for (int64_t m = 0; m < c.e; ++m) {
    for (int64_t k = 0; k < c.c; ++k) transposed[k * c.e + m] = o.w_expand[m * c.c + k];
  }
  std::vector<float> w_expand = transposed;
  if (packed_cols > 0) simd::pack_b_panels(transposed.data(), c.c, c.e, packed_cols, w_expand.data());
  const simd::ExpandDepthwiseShape s = shape_of(c);
  KernelTester t;
  t.input<float>({c.n, c.c, c.h, c.w}, o.x).input<float>({c.c, c.e}, w_expand).input<float>({c.e}, o.b_expand);
  t.input<float>({c.e, 1, c.k, c.k}, o.w).input<float>({c.e}, o.bias);
  t.output<float>({c.n, c.e, s.dw.oh, s.dw.ow});
  set_window(t, c);
  set_activations(t, expand, act);
  if (packed_cols > 0) t.attr("packed", ("nr" + std::to_string(packed_cols)).c_str());
  if (pool != nullptr) t.on_threads(pool);
  const Error e = t.run(kernel.c_str());
  if (e == Error::ok) *y = t.output_values<float>();
  if (message != nullptr) *message = t.message();
  return e;
}

std::vector<Case> cases() {
  std::vector<Case> all;
  for (auto [c, e] : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {3, 5}, {4, 8}, {16, 13}, {5, 24}, {7, 37}}) {
    for (auto [h, w] : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {2, 3}, {7, 7}, {9, 5}, {13, 17}}) {
      for (int64_t stride : {1, 2}) {
        all.push_back({1, c, e, h, w, 3, stride, {1, 1, 1, 1}});
        all.push_back({1, c, e, h, w, 5, stride, {2, 2, 2, 2}});
        all.push_back({1, c, e, h, w, 3, stride, {0, 0, 1, 1}});  // "same" padding of a stride-2 layer exported from TF
        if (h >= 2 && w >= 2) all.push_back({1, c, e, h, w, 5, stride, {1, 2, 2, 1}});
      }
    }
  }
  all.push_back({2, 6, 19, 7, 7, 3, 1, {1, 1, 1, 1}});     // two images
  all.push_back({2, 5, 21, 14, 14, 5, 2, {2, 2, 2, 2}});   // and stride 2
  all.push_back({1, 3, 37, 40, 60, 3, 1, {1, 1, 1, 1}});   // several bands of rows
  all.push_back({1, 4, 40, 41, 59, 5, 2, {2, 2, 2, 2}});   // several bands, stride 2, rows carried over
  all.push_back({1, 16, 96, 12, 112, 3, 2, {0, 0, 1, 1}});  // mobilenet_v2's widest rows, one band per output row
  return all;
}

TEST(ExpandDepthwiseKernels, PortableIsTheTwoConvs) {
  const std::vector<std::pair<Activation, Activation>> activations{{kNone, kNone}, {kRelu6, kRelu6}, {kSilu, kNone}};
  for (const Case& c : cases()) {
    if (c.e > 24 || c.h > 14) continue;  // the portable kernel recomputes the expansion per tap
    if (c.h + c.pads[0] + c.pads[2] < c.k || c.w + c.pads[1] + c.pads[3] < c.k) continue;  // no output
    const Operands o(c);
    for (const auto& [expand, act] : activations) {
      const std::vector<float> expected = two_convs(c, o, expand, act);
      std::vector<float> actual;
      std::string message;
      ASSERT_EQ(run("expand_depthwise.portable", c, o, expand, act, 0, &actual, &message), Error::ok) << describe(c) << ": " << message;
      ASSERT_EQ(actual.size(), expected.size()) << describe(c);
      for (size_t i = 0; i < actual.size(); ++i) ASSERT_EQ(actual[i], expected[i]) << describe(c) << " element " << i;
    }
  }
}

TEST(ExpandDepthwiseKernels, VariantsMatchThePortableKernel) {
  const std::vector<SimdVariant> variants = testing::simd_variants("expand_depthwise", "fused_packed");
  if (variants.empty()) GTEST_SKIP() << "no expand_depthwise.fused_packed variant this CPU can run";
  const std::vector<std::pair<Activation, Activation>> activations{{kNone, kNone}, {kRelu6, kRelu6}, {kSilu, kSilu}, {kRelu6, kNone}};
  ThreadPool three(3);
  for (const SimdVariant& v : variants) {
    const int64_t lanes = simd::interleaved_lanes(v.isa), cols = simd::packed_cols(v.isa);
    ASSERT_GT(lanes, 0) << v.name;
    int ran = 0;
    const std::vector<Case> all = cases();
    for (size_t index = 0; index < all.size(); ++index) {
      const Case& c = all[index];
      const std::string where = v.name + " " + describe(c);
      if (c.h + c.pads[0] + c.pads[2] < c.k || c.w + c.pads[1] + c.pads[3] < c.k) continue;  // no output
      const simd::ExpandDepthwiseShape s = shape_of(c);
      const Operands o(c);
      // One pair of activations per case, in turn (the reference is slow:
      // it recomputes the expansion per tap; the test must stay fast under ASan).
      {
        const auto& [expand, act] = activations[index % activations.size()];
        std::vector<float> actual, expected;
        ASSERT_EQ(run("expand_depthwise.portable", c, o, expand, act, 0, &expected), Error::ok) << where;
        if (!simd::expand_depthwise_fits(s, lanes)) {
          EXPECT_EQ(run(v.name, c, o, expand, act, cols, &actual), Error::kernel_failed) << where << " must be refused";
          continue;
        }
        for (ThreadPool* pool : {static_cast<ThreadPool*>(nullptr), &three}) {
          std::string message;
          ASSERT_EQ(run(v.name, c, o, expand, act, cols, &actual, &message, pool), Error::ok) << where << ": " << message;
          ASSERT_EQ(actual.size(), expected.size()) << where;
          for (size_t i = 0; i < actual.size(); ++i) {
            ASSERT_NEAR(actual[i], expected[i], 1e-4 * (1 + std::abs(expected[i])))
                << where << " " << expand.kind << "/" << act.kind << (pool != nullptr ? " 3 threads" : "") << " element " << i;
          }
        }
        ++ran;
      }
    }
    EXPECT_GT(ran, 150) << v.name << " ran too few cases";
  }
}

TEST(ExpandDepthwiseKernels, VariantsRefuseWhatTheyDoNotTake) {
  for (const SimdVariant& v : testing::simd_variants("expand_depthwise", "fused_packed")) {
    const int64_t cols = simd::packed_cols(v.isa);
    std::vector<float> y;
    const Case seven{1, 2, 4, 9, 9, 7, 1, {3, 3, 3, 3}};  // 7x7 taps
    EXPECT_EQ(run(v.name, seven, Operands(seven), kNone, kNone, cols, &y), Error::kernel_failed) << v.name;
    const Case wide{1, 2, 300, 3, 300, 3, 1, {1, 1, 1, 1}};  // three expanded rows past the buffer
    EXPECT_EQ(run(v.name, wide, Operands(wide), kNone, kNone, cols, &y), Error::kernel_failed) << v.name;
    const Case fine{1, 2, 4, 5, 5, 3, 1, {1, 1, 1, 1}};
    const Operands o(fine);
    EXPECT_EQ(run(v.name, fine, o, kNone, kNone, 0, &y), Error::kernel_failed) << v.name << ": w_expand not packed";
    EXPECT_EQ(run(v.name, fine, o, kNone, kNone, cols / 2, &y), Error::kernel_failed) << v.name << ": packed for another ISA";
    EXPECT_EQ(run(v.name, fine, o, kNone, kNone, cols, &y), Error::ok) << v.name;
  }
}

}  // namespace
}  // namespace ingot::rt::expand_depthwise_test
