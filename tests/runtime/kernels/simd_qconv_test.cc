// The integer qconv variants (qconv.*.u8|i8.ISA) against qconv.portable,
// output byte for byte: the optimized kernels promise the reference's exact
// integers (the same i32 sums, the same fixed-point requantization), so any
// difference is a bug, not a rounding.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "ingot/thread_pool.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {
namespace simd_qconv {  // the unity build puts several test files in one unit

using testing::KernelTester;
using testing::SimdVariant;

std::vector<SimdVariant> qconv_variants() {
  std::vector<SimdVariant> variants;
  for (const char* dtype : {"u8", "i8"}) {
    for (SimdVariant& v : testing::simd_variants("qconv", "", nullptr, dtype)) variants.push_back(std::move(v));
  }
  return variants;
}

struct ConvCase {
  int64_t images, c, m, h, w, kh, kw, stride_h, stride_w, pad_t, pad_l, pad_b, pad_r, dil_h, dil_w, group;
};

// How the operands are quantized: signedness of x and w, nonzero weight
// zero points (u8 weights always have them), per-channel or per-tensor
// requantization, a bias, and the output's clamp. w7: u8 activations and
// i8 weights of zero point 0 in [-64, 64], what qconv.im2col_w7 takes, half
// of them at the extremes (x 0 or 255, w -64 or 64: the i16 pair sums of
// vpmaddubsw reach +-32640, next to saturating).
enum class Clamp { none, relu, clip };
struct Quant {
  bool signed_x, signed_w, w_zero_points, per_channel, bias;
  Clamp clamp;
  bool w7 = false;
};

Quant w7_quant(bool per_channel, bool bias, Clamp clamp) { return {false, true, false, per_channel, bias, clamp, true}; }

// What qconv.depthwise takes (the compiler selects it only then), and what
// qconv.im2col_w7 takes (the compiler proves its weights' pairs fit); the
// im2col variants take every case.
bool fits(const SimdVariant& v, const ConvCase& k, const Quant& q) {
  if (v.variant == "im2col_w7") return q.w7;
  if (v.variant != "depthwise" && v.variant != "depthwise_interleaved") return true;
  const bool depthwise = k.group == k.c && k.m == k.c && k.stride_h == k.stride_w && k.stride_h <= 2 && k.dil_h == 1 && k.dil_w == 1;
  if (v.variant == "depthwise") return depthwise;
  return depthwise && k.kh == k.kw && (k.kh == 3 || k.kh == 5);
}

std::string describe(const ConvCase& k, const Quant& q) {
  return "c=" + std::to_string(k.c) + " m=" + std::to_string(k.m) + " " + std::to_string(k.h) + "x" + std::to_string(k.w) +
         " k=" + std::to_string(k.kh) + "x" + std::to_string(k.kw) + " s=" + std::to_string(k.stride_h) + "," +
         std::to_string(k.stride_w) + " d=" + std::to_string(k.dil_h) + " group=" + std::to_string(k.group) +
         (q.signed_x ? " x:i8" : " x:u8") + (q.signed_w ? " w:i8" : " w:u8") + (q.w_zero_points ? " w_zp" : "") +
         (q.per_channel ? " per-channel" : " per-tensor") + (q.bias ? " bias" : "") + (q.w7 ? " w7" : "") +
         (q.clamp == Clamp::relu ? " relu" : q.clamp == Clamp::clip ? " clip" : "");
}

int64_t out_dim(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t pads) {
  return (in + pads - (dilation * (k - 1) + 1)) / stride + 1;
}

template <typename T>
std::vector<T> random_ints(std::mt19937& rng, int64_t n, int64_t lo, int64_t hi) {
  std::uniform_int_distribution<int64_t> d(lo, hi);
  std::vector<T> values(static_cast<size_t>(n));
  for (T& v : values) v = static_cast<T>(d(rng));
  return values;
}

// Values in [lo, hi], half of them lo or hi.
template <typename T>
std::vector<T> random_extremes(std::mt19937& rng, int64_t n, int64_t lo, int64_t hi) {
  std::vector<T> values = random_ints<T>(rng, n, lo, hi);
  std::bernoulli_distribution extreme(0.5), high(0.5);
  for (T& v : values) {
    if (extreme(rng)) v = static_cast<T>(high(rng) ? hi : lo);
  }
  return values;
}

// The output bytes of `kernel` for one case, its operands drawn from `seed`;
// y has the variant's dtype (u8 or i8).
std::vector<uint8_t> run_qconv(const std::string& kernel, const std::string& y_dtype, const ConvCase& k, const Quant& q,
                               uint32_t seed, ThreadPool* pool = nullptr) {
  std::mt19937 rng(seed);
  const int64_t oh = out_dim(k.h, k.kh, k.stride_h, k.dil_h, k.pad_t + k.pad_b);
  const int64_t ow = out_dim(k.w, k.kw, k.stride_w, k.dil_w, k.pad_l + k.pad_r);
  const int64_t cg = k.c / k.group, wn = k.m * cg * k.kh * k.kw;
  KernelTester t;
  const std::vector<int64_t> x_shape{k.images, k.c, k.h, k.w}, w_shape{k.m, cg, k.kh, k.kw};
  const int64_t x_lo = q.signed_x ? -128 : 0, x_hi = x_lo + 255, w_lo = q.signed_w ? -128 : 0, w_hi = w_lo + 255;
  if (q.w7) {
    t.input<uint8_t>(x_shape, random_extremes<uint8_t>(rng, k.images * k.c * k.h * k.w, 0, 255));
    t.input<int8_t>(w_shape, random_extremes<int8_t>(rng, wn, -64, 64));
  } else if (q.signed_x) {
    t.input<int8_t>(x_shape, random_ints<int8_t>(rng, k.images * k.c * k.h * k.w, x_lo, x_hi));
  } else {
    t.input<uint8_t>(x_shape, random_ints<uint8_t>(rng, k.images * k.c * k.h * k.w, x_lo, x_hi));
  }
  if (q.w7) {
    // drawn above, with x
  } else if (q.signed_w) {
    t.input<int8_t>(w_shape, random_ints<int8_t>(rng, wn, w_lo, w_hi));
  } else {
    t.input<uint8_t>(w_shape, random_ints<uint8_t>(rng, wn, w_lo, w_hi));
  }
  if (q.bias) t.input<int32_t>({k.m}, random_ints<int32_t>(rng, k.m, -(1 << 22), 1 << 22));
  const bool signed_y = y_dtype == "i8";
  t.output(signed_y ? DType::i8 : DType::u8, {k.images, k.m, oh, ow});
  t.attr("strides", std::vector<int64_t>{k.stride_h, k.stride_w}).attr("pads", std::vector<int64_t>{k.pad_t, k.pad_l, k.pad_b, k.pad_r});
  t.attr("dilations", std::vector<int64_t>{k.dil_h, k.dil_w}).attr("group", k.group);
  t.attr("x_zero_point", random_ints<int64_t>(rng, 1, x_lo, x_hi)[0]);
  if (q.w_zero_points || !q.signed_w) t.attr("w_zero_point", random_ints<int64_t>(rng, q.per_channel ? k.m : 1, w_lo, w_hi));
  // Multipliers in [2^30, 2^31) with shifts that keep the outputs mostly
  // inside the range (sums of up to ~10^7 down to ~10^2), some above it.
  const int64_t requants = q.per_channel ? k.m : 1;
  t.attr("multiplier", random_ints<int64_t>(rng, requants, int64_t{1} << 30, (int64_t{1} << 31) - 1));
  t.attr("shift", random_ints<int64_t>(rng, requants, -16, -6));
  const int64_t y_lo = signed_y ? -128 : 0, y_hi = y_lo + 255;
  const int64_t y_zero_point = random_ints<int64_t>(rng, 1, y_lo + 40, y_hi - 40)[0];
  t.attr("y_zero_point", y_zero_point);
  if (q.clamp == Clamp::relu) t.attr("y_min", y_zero_point);
  if (q.clamp == Clamp::clip) t.attr("y_min", y_zero_point - 30).attr("y_max", y_zero_point + 25);
  if (pool != nullptr) t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(SimdQconvKernels, MatchThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = qconv_variants();
  if (variants.empty()) GTEST_SKIP() << "no qconv variant this CPU can run";
  // 1x1 (in place: full chunks of 64 positions and tails, and of 256 where
  // K is short), strided stems (rows long enough for the stride-2 shuffles,
  // odd and even widths), padding, dilation, depthwise and other grouped
  // convs, channels not a multiple of the 6-row panel, K odd, K past one
  // block (512 for the pairs of im2col, 1024 for the quads of im2col_w7)
  // with channels past a slab (528), planes below, at and past one tile
  // and tails of up to 8 positions (a half tile).
  const std::vector<ConvCase> cases{
      // images c m h w kh kw sh sw pt pl pb pr dh dw group
      {1, 16, 24, 8, 8, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {2, 7, 13, 9, 15, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 33, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 3, 8, 23, 23, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1, 1},
      {2, 3, 13, 17, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 3, 7, 20, 75, 7, 7, 2, 2, 3, 3, 3, 3, 1, 1, 1},
      {1, 5, 7, 12, 70, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 5, 7, 12, 71, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      {1, 16, 24, 9, 9, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      {1, 64, 19, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 4, 6, 11, 13, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1},
      {1, 6, 9, 10, 14, 3, 2, 3, 1, 0, 1, 2, 0, 1, 1, 1},
      {1, 8, 12, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4},
      {1, 12, 12, 13, 13, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 12},
      {1, 10, 10, 14, 11, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 10},
      {1, 1, 1, 5, 5, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 70, 5, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 40, 270, 5, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {1, 300, 7, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 2, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 8, 10, 20, 30, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 520, 530, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 1100, 9, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
  };
  uint32_t seed = 1;
  for (const ConvCase& k : cases) {
    // Four of the 2^5 x 3 quantizations per case, different ones for each.
    for (int i = 0; i < 4; ++i, ++seed) {
      const Quant q{(seed & 1) != 0, (seed & 2) == 0 || i == 0, (seed & 4) != 0, (seed & 8) != 0 || i == 1, (seed % 3) != 0,
                    static_cast<Clamp>(seed % 3)};
      // And one in what qconv.im2col_w7 takes. The reference once per output
      // dtype and quantization: under qemu it costs the most.
      for (const Quant& quant : {q, w7_quant(q.per_channel, q.bias, q.clamp)}) {
        if (quant.w7 && i != 0) continue;
        std::map<std::string, std::vector<uint8_t>> reference;
        for (const SimdVariant& v : variants) {
          if (!fits(v, k, quant)) continue;
          if (!reference.count(v.dtype)) reference[v.dtype] = run_qconv("qconv.portable", v.dtype, k, quant, seed);
          EXPECT_EQ(run_qconv(v.name, v.dtype, k, quant, seed), reference[v.dtype]) << v.name << " " << describe(k, quant);
        }
      }
    }
  }
  // Threads splitting images, groups and chunks (and K in blocks).
  ThreadPool pool(3);
  for (const Quant& q : {Quant{false, true, false, true, true, Clamp::relu}, w7_quant(true, true, Clamp::relu)}) {
    for (const ConvCase& k : {ConvCase{2, 20, 30, 12, 12, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2}, ConvCase{1, 520, 9, 9, 9, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1}}) {
      for (const SimdVariant& v : variants) {
        if (!fits(v, k, q)) continue;
        EXPECT_EQ(run_qconv(v.name, v.dtype, k, q, 99, &pool), run_qconv("qconv.portable", v.dtype, k, q, 99)) << v.name << " on 3 threads";
      }
    }
  }
}

// Depthwise convolutions of the mobile nets' kinds: 3x3 and 5x5, strides 1
// and 2, symmetric and one-sided padding, planes narrower than, as wide as
// and wider than a vector of 16 outputs, odd sizes, two images, on threads.
TEST(SimdQconvKernels, DepthwiseMatchesThePortableKernelExactly) {
  const std::vector<SimdVariant> variants = qconv_variants();
  if (variants.empty()) GTEST_SKIP() << "no qconv variant this CPU can run";
  const std::vector<ConvCase> cases{
      // images c m h w kh kw sh sw pt pl pb pr dh dw group
      {1, 8, 8, 16, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 8},
      {2, 5, 5, 35, 33, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 5},
      {1, 6, 6, 34, 35, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 6},
      {1, 4, 4, 28, 28, 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 4},
      {1, 3, 3, 14, 14, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 3},
      {1, 3, 3, 15, 15, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 3},
      {1, 7, 7, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 7},
      {1, 2, 2, 1, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2},
      {1, 2, 2, 9, 9, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 2},
      // Channels past one block of 16 and not a multiple of it, 1x1 planes,
      // a plane smaller than the taps, stride 2 with odd sizes and padding,
      // rows so wide that a band of the interleaved kernel's buffer holds one
      // output row (3x3) or two (5x5, stride 2).
      {2, 17, 17, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 17},
      {1, 33, 33, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 33},
      {1, 16, 16, 2, 3, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 16},
      {1, 20, 20, 9, 13, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 20},
      {1, 24, 24, 14, 14, 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 24},
      {1, 18, 18, 4, 600, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 18},
      {1, 19, 19, 11, 300, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 19},
  };
  ThreadPool pool(2);
  uint32_t seed = 200;
  for (const ConvCase& k : cases) {
    for (int i = 0; i < 3; ++i, ++seed) {
      const Quant q{(seed & 1) != 0, (seed & 2) == 0, (seed & 4) != 0, (seed & 8) == 0, i != 2, static_cast<Clamp>(seed % 3)};
      for (const SimdVariant& v : variants) {
        if (!fits(v, k, q)) continue;
        EXPECT_EQ(run_qconv(v.name, v.dtype, k, q, seed, i == 1 ? &pool : nullptr), run_qconv("qconv.portable", v.dtype, k, q, seed))
            << v.name << " " << describe(k, q);
      }
    }
  }
}

// The requantization on its edges: accumulators at and around the i32
// bounds (where the doubling high multiply and the left shift saturate and
// the sum wraps), every shift from -31 to 30 (one per channel), multipliers
// 0, 2^30 and 2^31 - 1 besides random ones. A depthwise 1x1 conv makes each
// accumulator bias[m] + (x[m] - x_zp) * w[m]; qconv.im2col_w7 gets weights
// of its range (+-64 for +127 and -128), qconv.depthwise_interleaved (3x3
// or 5x5 only) the same sums from a padded 3x3 conv whose only nonzero tap
// is the centre.
TEST(SimdQconvKernels, RequantizeEdgesExactly) {
  const std::vector<SimdVariant> variants = qconv_variants();
  if (variants.empty()) GTEST_SKIP() << "no qconv variant this CPU can run";
  const int64_t m = 62, positions = 70;
  std::vector<uint8_t> x(m * positions);
  for (int64_t j = 0; j < m * positions; ++j) x[j] = static_cast<uint8_t>(j * 37 % 256);
  const std::vector<int32_t> edges{INT_MIN, INT_MIN + 1, INT_MIN + 32385, INT_MAX, INT_MAX - 1, INT_MAX - 32385,
                                   0,       -1,          1,              1 << 30, -(1 << 30), 12345};
  std::mt19937 rng(5);
  for (size_t rotation = 0; rotation < edges.size(); ++rotation) {
    std::vector<int8_t> w(m), w7(m);
    std::vector<int32_t> bias(m);
    std::vector<int64_t> multipliers(m), shifts(m);
    for (int64_t c = 0; c < m; ++c) {
      w[c] = static_cast<int8_t>(c % 3 == 0 ? 127 : c % 3 == 1 ? -128 : c - 31);
      w7[c] = static_cast<int8_t>(c % 3 == 0 ? 64 : c % 3 == 1 ? -64 : c - 31);
      bias[c] = edges[(c + rotation) % edges.size()];
      shifts[c] = c - 31;
      const int64_t choice = (c + rotation) % 4;
      multipliers[c] = choice == 0 ? 0 : choice == 1 ? int64_t{1} << 30 : choice == 2 ? INT_MAX : random_ints<int64_t>(rng, 1, 1 << 30, INT_MAX)[0];
    }
    std::vector<int8_t> centre(m * 9, 0);
    for (int64_t c = 0; c < m; ++c) centre[c * 9 + 4] = w[c];
    for (const SimdVariant& v : variants) {
      const bool taps3 = v.variant == "depthwise_interleaved";
      auto run = [&](const std::string& kernel) {
        KernelTester t;
        t.input<uint8_t>({1, m, 7, 10}, x);
        if (taps3) t.input<int8_t>({m, 1, 3, 3}, centre); else t.input<int8_t>({m, 1, 1, 1}, v.variant == "im2col_w7" ? w7 : w);
        t.input<int32_t>({m}, bias);
        t.output(v.dtype == "i8" ? DType::i8 : DType::u8, {1, m, 7, 10});
        t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>(4, taps3 ? 1 : 0));
        t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", m).attr("x_zero_point", int64_t{128});
        t.attr("multiplier", multipliers).attr("shift", shifts).attr("y_zero_point", int64_t{v.dtype == "i8" ? -3 : 100});
        EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
        return t.output_values<uint8_t>();
      };
      EXPECT_EQ(run(v.name), run("qconv.portable")) << v.name << " rotation " << rotation;
    }
  }
}

// Zero points and operands at the ends of their ranges, where the
// zero-point-centred products are largest (255 * 255) and where a variant
// that moves 8-bit operands into another domain (the dot-product variants:
// x - 128 and sum corrections, qgemm_dotprod.h) corrects the most: u8 and
// i8 x and w, each all at one bound or random, against zero points at the
// other bound, with K = 600 past one block of K on every ISA.
TEST(SimdQconvKernels, ExtremeZeroPointsExactly) {
  const std::vector<SimdVariant> variants = qconv_variants();
  if (variants.empty()) GTEST_SKIP() << "no qconv variant this CPU can run";
  const int64_t c = 24, m = 11, h = 6, w = 7, taps = 5;
  std::mt19937 rng(17);
  // (value or -1 for random, zero point) of a u8 operand; an i8 one subtracts 128 from both.
  const std::vector<std::pair<int64_t, int64_t>> ends{{255, 0}, {0, 255}, {255, 255}, {-1, 0}, {-1, 255}, {0, 0}};
  for (size_t i = 0; i < ends.size() * 2; ++i) {
    const bool signed_x = i % 2 == 1, signed_w = i / ends.size() == 1;
    const auto [x_value, x_zp] = ends[i % ends.size()];
    const auto [w_value, w_zp] = ends[(i * 5 + 1) % ends.size()];
    auto values = [&](int64_t n, int64_t value) {
      std::vector<uint8_t> v = random_ints<uint8_t>(rng, n, 0, 255);
      if (value >= 0) std::fill(v.begin(), v.end(), static_cast<uint8_t>(value));
      return v;
    };
    const std::vector<uint8_t> x = values(c * h * w, x_value), wt = values(m * c * taps * taps, w_value);
    for (const SimdVariant& v : variants) {
      // im2col_w7 takes only weights of zero point 0 that the compiler proved
      // fit (its extremes, x at 0 and 255 against +-64, are above).
      if (v.variant == "depthwise" || v.variant == "depthwise_interleaved" || v.variant == "im2col_w7") continue;
      auto run = [&](const std::string& kernel) {
        KernelTester t;
        // An i8 operand holds the same bytes less 128: x - 128 ^ 0x80 flips the top bit.
        auto shifted = [](std::vector<uint8_t> bytes) {
          std::vector<int8_t> out(bytes.size());
          for (size_t j = 0; j < bytes.size(); ++j) out[j] = static_cast<int8_t>(bytes[j] - 128);
          return out;
        };
        if (signed_x) t.input<int8_t>({1, c, h, w}, shifted(x)); else t.input<uint8_t>({1, c, h, w}, x);
        if (signed_w) t.input<int8_t>({m, c, taps, taps}, shifted(wt)); else t.input<uint8_t>({m, c, taps, taps}, wt);
        t.output(v.dtype == "i8" ? DType::i8 : DType::u8, {1, m, h, w});
        t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{2, 2, 2, 2});
        t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", int64_t{1});
        t.attr("x_zero_point", x_zp - (signed_x ? 128 : 0)).attr("w_zero_point", std::vector<int64_t>{w_zp - (signed_w ? 128 : 0)});
        // Sums up to 600 * 255^2 (about 2^25) scaled by 2^-18, centred on the output's zero point.
        t.attr("multiplier", std::vector<int64_t>{int64_t{1} << 30}).attr("shift", std::vector<int64_t>{-17});
        t.attr("y_zero_point", int64_t{v.dtype == "i8" ? 0 : 128});
        EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
        return t.output_bytes();
      };
      EXPECT_EQ(run(v.name), run("qconv.portable"))
          << v.name << (signed_x ? " x:i8" : " x:u8") << (signed_w ? " w:i8" : " w:u8") << " x " << x_value << " zp " << x_zp
          << ", w " << w_value << " zp " << w_zp;
    }
  }
}

// What the variants refuse: an output of the other 8-bit dtype.
TEST(SimdQconvKernels, RefuseAnotherOutputDtype) {
  for (const SimdVariant& v : qconv_variants()) {
    KernelTester t;
    t.input<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4}).input<int8_t>({1, 1, 1, 1}, {1});
    t.output(v.dtype == "i8" ? DType::u8 : DType::i8, {1, 1, 2, 2});
    t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
    t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", int64_t{1});
    t.attr("multiplier", std::vector<int64_t>{1 << 30}).attr("shift", std::vector<int64_t>{0});
    EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name;
  }
}

// What qconv.im2col_w7 refuses: operands other than u8 x i8 weights of
// zero point 0 (its raw u8 quads and the zero point's correction need them).
TEST(SimdQconvKernels, W7RefusesOtherOperands) {
  for (const SimdVariant& v : qconv_variants()) {
    if (v.variant != "im2col_w7") continue;
    for (int refused = 0; refused < 3; ++refused) {
      KernelTester t;
      if (refused == 0) t.input<int8_t>({1, 1, 2, 2}, {1, 2, 3, 4}); else t.input<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4});
      if (refused == 1) t.input<uint8_t>({1, 1, 1, 1}, {1}); else t.input<int8_t>({1, 1, 1, 1}, {1});
      t.output(v.dtype == "i8" ? DType::i8 : DType::u8, {1, 1, 2, 2});
      t.attr("strides", std::vector<int64_t>{1, 1}).attr("pads", std::vector<int64_t>{0, 0, 0, 0});
      t.attr("dilations", std::vector<int64_t>{1, 1}).attr("group", int64_t{1});
      t.attr("multiplier", std::vector<int64_t>{1 << 30}).attr("shift", std::vector<int64_t>{0});
      t.attr("w_zero_point", std::vector<int64_t>{refused == 2 ? 3 : refused == 1 ? 1 : 0});
      EXPECT_EQ(t.run(v.name.c_str()), Error::kernel_failed) << v.name << " case " << refused;
    }
  }
}

}  // namespace simd_qconv
}  // namespace
}  // namespace ingot::rt
