// The SIMD variants this build has (x86 natively, NEON under qemu:
// simd_variants.h) of max_pool, avg_pool, global_avg_pool, reduce_mean, reduce_max, reduce_min,
// softmax, layer_norm, sigmoid, erf, transpose, slice and pow against the portable kernels on awkward
// sizes: planes below, at and above the vector widths, strides 1, 2 and 3,
// padding, dilation, ceil mode, count_include_pad, rows of softmax shorter
// and longer than a vector, extreme values. The portable kernels compute in
// double, these in f32 (sums of a window; exp to about 1 ulp): results agree
// to 1e-5 relative (1e-6 absolute) for the pools and 2e-6
// relative for softmax and sigmoid. Variants
// whose ISA this CPU lacks are skipped.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Shape = KernelTester::Shape;

using testing::SimdVariant;
using testing::random_values;

// Every variant of the op, of any kind, that this CPU can run.
std::vector<SimdVariant> variants_of(const std::string& op) { return testing::simd_variants(op, ""); }

// Within rel * |expected| + abs; NaN and infinities exactly.
void expect_close(const std::vector<float>& actual, const std::vector<float>& expected, double rel, double abs,
                  const std::string& where) {
  ASSERT_EQ(actual.size(), expected.size()) << where;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (std::isnan(expected[i])) {
      ASSERT_TRUE(std::isnan(actual[i])) << where << " element " << i << ": " << actual[i];
      continue;
    }
    if (std::isinf(expected[i])) {
      ASSERT_EQ(actual[i], expected[i]) << where << " element " << i;
      continue;
    }
    ASSERT_NEAR(actual[i], expected[i], rel * std::abs(expected[i]) + abs) << where << " element " << i;
  }
}

// As the IR's shape rule: floor, or ceil where the last window starts inside the input or the begin padding.
int64_t pooled(int64_t in, int64_t k, int64_t stride, int64_t pb, int64_t pe, int64_t dil, bool ceil_mode) {
  const int64_t extent = dil * (k - 1) + 1, padded = in + pb + pe;
  int64_t steps = (padded - extent) / stride;
  if (ceil_mode && (padded - extent) % stride != 0) {
    ++steps;
    if (steps * stride >= in + pb) --steps;
  }
  return steps + 1;
}

struct PoolCase {
  int64_t h, w, k, stride, pad_begin, pad_end, dil;
  bool ceil_mode, count_include_pad;
};

std::vector<float> run_pool(const std::string& kernel, const PoolCase& p, const std::vector<float>& x) {
  const int64_t oh = pooled(p.h, p.k, p.stride, p.pad_begin, p.pad_end, p.dil, p.ceil_mode);
  const int64_t ow = pooled(p.w, p.k, p.stride, p.pad_begin, p.pad_end, p.dil, p.ceil_mode);
  KernelTester t;
  t.input<float>({2, 3, p.h, p.w}, x).output<float>({2, 3, oh, ow});
  t.attr("kernel_shape", std::vector<int64_t>{p.k, p.k}).attr("strides", std::vector<int64_t>{p.stride, p.stride});
  t.attr("pads", std::vector<int64_t>{p.pad_begin, p.pad_begin, p.pad_end, p.pad_end});
  t.attr("dilations", std::vector<int64_t>{p.dil, p.dil}).attr("ceil_mode", int64_t{p.ceil_mode});
  if (kernel.rfind("avg_pool", 0) == 0) t.attr("count_include_pad", int64_t{p.count_include_pad});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

const std::vector<PoolCase> kPoolCases = [] {
  std::vector<PoolCase> cases;
  for (int64_t w : {1, 5, 8, 16, 17, 33, 56, 113}) {
    // resnet's 3x3 s2 p1, squeezenet's 3x3 s2 ceil, 2x2 s2, 3x3 s1 p1 (inception), stride 3, dilation 2, 5x5 p2.
    cases.push_back({7, w, 3, 2, 1, 1, 1, false, false});
    cases.push_back({9, w, 3, 2, 0, 0, 1, true, false});
    cases.push_back({6, w, 2, 2, 0, 0, 1, false, false});
    cases.push_back({5, w, 3, 1, 1, 1, 1, false, true});
    cases.push_back({8, w, 3, 3, 1, 1, 1, true, true});
    cases.push_back({9, w, 3, 1, 2, 2, 2, false, false});
    cases.push_back({7, w, 5, 2, 2, 2, 1, true, true});
  }
  // Rows too wide for the max pool's padded-row buffer: the path with borders.
  cases.push_back({3, 3001, 3, 1, 1, 1, 1, false, false});
  cases.push_back({5, 3001, 3, 2, 0, 0, 1, true, false});
  return cases;
}();

void check_pool(const std::string& op) {
  for (const SimdVariant& v : variants_of(op)) {
    for (const PoolCase& p : kPoolCases) {
      const int64_t extent = p.dil * (p.k - 1) + 1;
      if (p.h + 2 * p.pad_begin < extent || p.w + p.pad_begin + p.pad_end < extent) continue;
      const std::vector<float> x = random_values(6 * p.h * p.w, static_cast<uint32_t>(p.w * 31 + p.k));
      const std::string where = v.name + " h=" + std::to_string(p.h) + " w=" + std::to_string(p.w) + " k=" + std::to_string(p.k) +
                                " stride=" + std::to_string(p.stride) + " pad=" + std::to_string(p.pad_begin) +
                                " dil=" + std::to_string(p.dil) + (p.ceil_mode ? " ceil" : "") + (p.count_include_pad ? " incl" : "");
      expect_close(run_pool(v.name, p, x), run_pool(op + ".portable", p, x), 1e-5, 1e-6, where);
    }
    // NaN wins a maximum and spreads through a mean; -inf and +inf stay.
    // Stride 1 and stride 2 (whose max pool splits rows by column parity),
    // with NaN at an even and at an odd column and on a padded border.
    for (const PoolCase& p : {PoolCase{4, 20, 3, 1, 1, 1, 1, false, false}, PoolCase{5, 21, 3, 2, 1, 1, 1, false, false}}) {
      std::vector<float> x = random_values(6 * p.h * p.w, 5);
      x[7] = std::numeric_limits<float>::quiet_NaN();
      x[30] = -std::numeric_limits<float>::infinity();
      x[44] = std::numeric_limits<float>::quiet_NaN();
      x[p.w - 1] = std::numeric_limits<float>::quiet_NaN();
      x[100] = std::numeric_limits<float>::infinity();
      expect_close(run_pool(v.name, p, x), run_pool(op + ".portable", p, x), 1e-5, 1e-6,
                   v.name + " NaN and inf, stride " + std::to_string(p.stride));
    }
  }
}

TEST(SimdNnKernels, MaxPoolMatchesThePortableKernel) { check_pool("max_pool"); }
TEST(SimdNnKernels, AvgPoolMatchesThePortableKernel) { check_pool("avg_pool"); }

TEST(SimdNnKernels, MaxPoolRefusesIndices) {
  for (const SimdVariant& v : variants_of("max_pool")) {
    KernelTester t;
    t.input<float>({1, 1, 4, 4}, random_values(16, 1)).output<float>({1, 1, 2, 2}).output<int64_t>({1, 1, 2, 2});
    t.attr("kernel_shape", std::vector<int64_t>{2, 2}).attr("strides", std::vector<int64_t>{2, 2});
    EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

std::vector<float> run_global(const std::string& kernel, Shape shape, const std::vector<float>& x) {
  KernelTester t;
  t.input<float>(shape, x).output<float>({shape[0], shape[1], 1, 1});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, GlobalAvgPoolMatchesThePortableKernel) {
  for (const SimdVariant& v : variants_of("global_avg_pool")) {
    for (auto [h, w] : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {1, 7}, {7, 7}, {4, 16}, {8, 8}, {13, 13}, {56, 56}, {3, 67}}) {
      const std::vector<float> x = random_values(2 * 5 * h * w, static_cast<uint32_t>(h * w));
      expect_close(run_global(v.name, {2, 5, h, w}, x), run_global("global_avg_pool.portable", {2, 5, h, w}, x), 1e-5, 1e-6,
                   v.name + " " + std::to_string(h) + "x" + std::to_string(w));
    }
  }
}

std::vector<float> run_reduce_mean(const std::string& kernel, Shape shape, std::vector<int64_t> axes, const std::vector<float>& x) {
  Shape out = shape;
  for (int64_t a : axes) out[static_cast<size_t>(a)] = 1;
  KernelTester t;
  t.input<float>(shape, x).output<float>(out).attr("axes", axes).attr("keepdims", int64_t{1});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, ReduceMeanOverTrailingAxesMatchesThePortableKernel) {
  for (const SimdVariant& v : variants_of("reduce_mean")) {
    for (int64_t n : {1, 5, 16, 17, 64, 65, 256, 1000}) {
      const std::vector<float> x = random_values(3 * 2 * n, static_cast<uint32_t>(n), 3);
      expect_close(run_reduce_mean(v.name, {3, 2, n}, {2}, x), run_reduce_mean("reduce_mean.portable", {3, 2, n}, {2}, x), 1e-5,
                   1e-6, v.name + " last axis n=" + std::to_string(n));
      expect_close(run_reduce_mean(v.name, {3, 2, n}, {1, 2}, x), run_reduce_mean("reduce_mean.portable", {3, 2, n}, {1, 2}, x),
                   1e-5, 1e-6, v.name + " two axes n=" + std::to_string(n));
    }
    KernelTester leading;
    leading.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({1, 3}).attr("axes", std::vector<int64_t>{0});
    EXPECT_EQ(leading.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse a leading axis";
  }
}

// reduce_max and reduce_min over trailing axes, kept dims or all axes to a
// scalar (int8-dynamic's ranges): exact, so equal to the portable kernel's
// values (a zero's sign aside); a NaN in a row wins, an empty row is -inf
// (max) or +inf (min).
TEST(SimdNnKernels, ReduceMaxAndMinOverTrailingAxesMatchThePortableKernel) {
  auto run = [](const std::string& kernel, Shape shape, std::vector<int64_t> axes, bool keepdims, const std::vector<float>& x) {
    Shape out;
    for (size_t d = 0; d < shape.size(); ++d) {
      const bool reduced = std::find(axes.begin(), axes.end(), static_cast<int64_t>(d)) != axes.end();
      if (!reduced) out.push_back(shape[d]);
      else if (keepdims) out.push_back(1);
    }
    KernelTester t;
    t.input<float>(shape, x).output<float>(out).attr("axes", axes).attr("keepdims", int64_t{keepdims ? 1 : 0});
    EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
    return t.output_values<float>();
  };
  auto same = [](const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    }
    return true;
  };
  for (const char* op : {"reduce_max", "reduce_min"}) {
    const std::string portable = std::string(op) + ".portable";
    for (const SimdVariant& v : variants_of(op)) {
      for (int64_t n : {0, 1, 5, 16, 17, 64, 65, 1000}) {
        std::vector<float> x = random_values(3 * 2 * n, static_cast<uint32_t>(n) + 7, 3);
        if (n > 3) x[static_cast<size_t>(n + 2)] = std::numeric_limits<float>::quiet_NaN();  // row 1
        const std::string where = v.name + " n=" + std::to_string(n);
        EXPECT_TRUE(same(run(v.name, {3, 2, n}, {2}, true, x), run(portable, {3, 2, n}, {2}, true, x))) << where << " last axis";
        EXPECT_TRUE(same(run(v.name, {3, 2, n}, {0, 1, 2}, false, x), run(portable, {3, 2, n}, {0, 1, 2}, false, x)))
            << where << " all axes";
      }
      KernelTester leading;
      leading.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({1, 3}).attr("axes", std::vector<int64_t>{0});
      EXPECT_EQ(leading.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse a leading axis";
    }
  }
}

std::vector<float> run_unary(const std::string& kernel, Shape shape, const std::vector<float>& x, int64_t axis = -1) {
  KernelTester t;
  t.input<float>(shape, x).output<float>(shape);
  if (axis >= 0) t.attr("axis", axis);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, SoftmaxMatchesThePortableKernel) {
  for (const SimdVariant& v : variants_of("softmax")) {
    for (int64_t n : {1, 3, 7, 8, 15, 16, 17, 33, 128, 1000}) {
      for (float scale : {1.0f, 30.0f}) {
        const std::vector<float> x = random_values(3 * n, static_cast<uint32_t>(n), scale);
        expect_close(run_unary(v.name, {3, n}, x, 1), run_unary("softmax.portable", {3, n}, x, 1), 2e-6, 1e-37,
                     v.name + " n=" + std::to_string(n) + " scale=" + std::to_string(scale));
      }
    }
    // Rows with -inf, all -inf, a +inf, a NaN; attention-shaped rank 4.
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> x = random_values(4 * 20, 3);
    x[2] = -inf;
    for (int i = 20; i < 40; ++i) x[i] = -inf;
    x[45] = inf;
    x[70] = std::numeric_limits<float>::quiet_NaN();
    expect_close(run_unary(v.name, {4, 20}, x, 1), run_unary("softmax.portable", {4, 20}, x, 1), 2e-6, 1e-37, v.name + " inf and NaN");
    const std::vector<float> scores = random_values(2 * 4 * 9 * 9, 4, 4);
    expect_close(run_unary(v.name, {2, 4, 9, 9}, scores, 3), run_unary("softmax.portable", {2, 4, 9, 9}, scores, 3), 2e-6, 1e-37,
                 v.name + " rank 4");
    KernelTester inner;
    inner.input<float>({2, 3}, {1, 2, 3, 4, 5, 6}).output<float>({2, 3}).attr("axis", int64_t{0});
    EXPECT_EQ(inner.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse an axis other than the last";
  }
}

std::vector<float> run_layer_norm(const std::string& kernel, Shape shape, int64_t axis, bool bias, const std::vector<float>& x) {
  int64_t n = 1;
  for (size_t d = static_cast<size_t>(axis); d < shape.size(); ++d) n *= shape[d];
  const Shape block(shape.begin() + axis, shape.end());
  KernelTester t;
  t.input<float>(shape, x).input<float>(block, random_values(n, 7));
  if (bias) t.input<float>(block, random_values(n, 8));
  t.output<float>(shape).attr("axis", axis).attr("epsilon", 1e-5);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, LayerNormMatchesThePortableKernel) {
  for (const SimdVariant& v : variants_of("layer_norm")) {
    for (int64_t n : {1, 5, 8, 16, 17, 64, 67, 256, 768}) {
      for (float offset : {0.0f, 100.0f}) {
        std::vector<float> x = random_values(3 * n, static_cast<uint32_t>(n), 2);
        for (float& value : x) value += offset;
        for (bool bias : {false, true}) {
          const std::string where = v.name + " n=" + std::to_string(n) + " offset=" + std::to_string(offset) + (bias ? " bias" : "");
          expect_close(run_layer_norm(v.name, {3, n}, 1, bias, x), run_layer_norm("layer_norm.portable", {3, n}, 1, bias, x), 1e-4,
                       1e-4, where);
        }
      }
    }
    const std::vector<float> x = random_values(2 * 3 * 5 * 7, 9);
    expect_close(run_layer_norm(v.name, {2, 3, 5, 7}, 2, true, x), run_layer_norm("layer_norm.portable", {2, 3, 5, 7}, 2, true, x),
                 1e-4, 1e-4, v.name + " two axes");
  }
}

// sigmoid and silu: random operands around the sizes of a vector and of the
// threads' blocks (16 Ki), and the extremes of exp.
void check_logistic(const std::string& op) {
  for (const SimdVariant& v : variants_of(op)) {
    for (int64_t n : {1, 7, 8, 9, 16, 31, 1000, 16384, 16385, 40000}) {
      const std::vector<float> x = random_values(n, static_cast<uint32_t>(n), 6);
      expect_close(run_unary(v.name, {n}, x), run_unary(op + ".portable", {n}, x), 2e-6, 1e-37, v.name + " n=" + std::to_string(n));
    }
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> extremes{-200, -104, -88.7f, -87, -30, -1e-8f, 0, 1e-8f, 15, 30, 88, 89, 200, inf,
                                std::numeric_limits<float>::quiet_NaN()};
    // silu(-inf) is -inf * 0: NaN in the reference, where the vector exp
    // saturates; no model computes it.
    if (op == "sigmoid") extremes.push_back(-inf);
    const Shape shape{static_cast<int64_t>(extremes.size())};
    expect_close(run_unary(v.name, shape, extremes), run_unary(op + ".portable", shape, extremes), 2e-6, 1e-37, v.name + " extremes");
  }
}

TEST(SimdNnKernels, SigmoidMatchesThePortableKernel) { check_logistic("sigmoid"); }
TEST(SimdNnKernels, SiluMatchesThePortableKernel) { check_logistic("silu"); }

TEST(SimdNnKernels, ErfMatchesThePortableKernel) {
  for (const SimdVariant& v : variants_of("erf")) {
    for (int64_t n : {1, 7, 8, 9, 16, 31, 1000}) {
      const std::vector<float> x = random_values(n, static_cast<uint32_t>(n), 2);
      expect_close(run_unary(v.name, {n}, x), run_unary("erf.portable", {n}, x), 2e-6, 1e-7, v.name + " n=" + std::to_string(n));
    }
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> extremes{-inf, -10, -4, -3.9f, -1, -1e-3f, -1e-20f, 0, 1e-20f, 0.5f, 2, 3.5f, 4, 5, inf,
                                      std::numeric_limits<float>::quiet_NaN()};
    const Shape shape{static_cast<int64_t>(extremes.size())};
    expect_close(run_unary(v.name, shape, extremes), run_unary("erf.portable", shape, extremes), 2e-6, 1e-7, v.name + " extremes");
  }
}

std::vector<float> run_transpose(const std::string& kernel, Shape shape, std::vector<int64_t> perm, const std::vector<float>& x) {
  Shape out(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) out[d] = shape[static_cast<size_t>(perm[d])];
  KernelTester t;
  t.input<float>(shape, x).output<float>(out).attr("perm", perm);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, TransposeMatchesThePortableKernelExactly) {
  struct Case {
    Shape shape;
    std::vector<int64_t> perm;
  };
  const std::vector<Case> cases{
      {{1, 7, 3, 4, 5}, {2, 0, 3, 1, 4}},  // attention's head split: runs of the last axis
      {{1, 2, 3, 5, 5}, {0, 2, 1, 3, 4}},  // shufflenet's channel shuffle: runs of a plane
      {{2, 3, 9, 13}, {0, 1, 3, 2}},       // K^T: blocks, with tails
      {{17, 8}, {1, 0}},
      {{4, 5, 6}, {2, 1, 0}},              // no run: one element at a time
      {{3, 4}, {0, 1}},                    // the identity: one run
      {{1}, {0}},
      {{2, 0, 3}, {1, 0, 2}},              // empty
  };
  for (const SimdVariant& v : variants_of("transpose")) {
    for (const Case& c : cases) {
      int64_t n = 1;
      for (int64_t d : c.shape) n *= d;
      const std::vector<float> x = random_values(n, static_cast<uint32_t>(n));
      EXPECT_EQ(run_transpose(v.name, c.shape, c.perm, x), run_transpose("transpose.portable", c.shape, c.perm, x))
          << v.name << " rank " << c.shape.size();
    }
  }
}

TEST(SimdNnKernels, SliceMatchesThePortableKernelExactly) {
  struct Case {
    Shape shape;
    std::vector<int64_t> starts, ends, axes, steps;
  };
  const std::vector<Case> cases{
      {{1, 8, 5, 5}, {0}, {4}, {1}, {1}},                   // shufflenet's channel split: one run per image
      {{2, 8, 5, 5}, {4}, {8}, {1}, {1}},
      {{3, 7, 9}, {1, 2}, {3, 9}, {1, 2}, {1, 1}},          // a partial innermost axis
      {{3, 7, 9}, {0, 1}, {3, 9}, {0, 2}, {2, 3}},          // steps: element by element
      {{4, 6}, {}, {}, {}, {}},                             // nothing sliced: one run
      {{4, 6}, {2}, {2}, {0}, {1}},                         // empty
  };
  for (const SimdVariant& v : variants_of("slice")) {
    for (const Case& c : cases) {
      int64_t n = 1;
      for (int64_t d : c.shape) n *= d;
      Shape out = c.shape;
      for (size_t i = 0; i < c.axes.size(); ++i) {
        const size_t a = static_cast<size_t>(c.axes[i]);
        out[a] = c.ends[i] > c.starts[i] ? (c.ends[i] - c.starts[i] - 1) / c.steps[i] + 1 : 0;
      }
      const std::vector<float> x = random_values(n, static_cast<uint32_t>(n));
      auto run = [&](const std::string& kernel) {
        KernelTester t;
        t.input<float>(c.shape, x).output<float>(out);
        t.attr("starts", c.starts).attr("ends", c.ends).attr("axes", c.axes).attr("steps", c.steps);
        EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
        return t.output_values<float>();
      };
      EXPECT_EQ(run(v.name), run("slice.portable")) << v.name << " rank " << c.shape.size();
    }
  }
}

std::vector<float> run_pow(const std::string& kernel, const std::vector<float>& x, float exponent) {
  KernelTester t;
  t.input<float>({static_cast<int64_t>(x.size())}, x).input<float>({1}, {exponent}).output<float>({static_cast<int64_t>(x.size())});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

TEST(SimdNnKernels, PowSquareMatchesThePortableKernelBitForBit) {
  for (const SimdVariant& v : variants_of("pow")) {
    for (int64_t n : {1, 7, 8, 17, 100}) {
      std::vector<float> x = random_values(n, static_cast<uint32_t>(n), 1e10f);
      x[0] = std::numeric_limits<float>::quiet_NaN();
      if (n > 2) x[1] = -std::numeric_limits<float>::infinity(), x[2] = 1e-30f;
      const std::vector<float> a = run_pow(v.name, x, 2), b = run_pow("pow.portable", x, 2);
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(b[i])) {
          EXPECT_TRUE(std::isnan(a[i])) << v.name << " element " << i;
        } else {
          EXPECT_EQ(a[i], b[i]) << v.name << " n=" << n << " element " << i;
        }
      }
    }
    KernelTester cube;
    cube.input<float>({2}, {1, 2}).input<float>({1}, {3}).output<float>({2});
    EXPECT_EQ(cube.run(v.name.c_str()), Error::kernel_failed) << v.name << " must refuse an exponent other than 2";
  }
}

}  // namespace
}  // namespace ingot::rt
