// Every optimized kernel that splits its work over threads must give exactly
// the result it gives on one thread: the split only hands whole rows, column
// blocks, planes or element blocks to different threads, never reorders a
// sum. Shapes are big enough to be split both ways and have ragged ends.
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingot/thread_pool.h"
#include "kernels/simd/pack_f32.h"
#include "kernels/simd/winograd_f32.h"
#include "tests/runtime/kernel_tester.h"
#include "tests/runtime/kernels/simd_variants.h"

namespace ingot::rt {
namespace {

using testing::KernelTester;
using Shape = KernelTester::Shape;

std::vector<float> random_of_shape(const Shape& shape, uint32_t seed) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return testing::random_values(n, seed);
}

// A node for a kernel: operand shapes and attributes.
struct Case {
  std::vector<Shape> inputs;
  Shape output;
  std::vector<std::pair<std::string, std::vector<int64_t>>> int_lists;
  int64_t group = 0;  // 0: no group attribute
};

// The cases for a kernel's op and variant kind, from its name "op.kind.dtype.isa".
std::vector<Case> cases_for(const std::string& name) {
  const std::string op = name.substr(0, name.find('.'));
  std::string kind = name.substr(op.size() + 1, name.find('.', op.size() + 1) - op.size() - 1);
  // A packed variant splits as its unpacked sibling (the weights' order does not matter here).
  if (kind.ends_with("_packed")) kind.resize(kind.size() - 7);
  if (op == "add" || op == "sub" || op == "mul" || op == "div") {
    return {{{{3, 40001}, {3, 40001}}, {3, 40001}, {}, 0}, {{{70001}, {1}}, {70001}, {}, 0}};
  }
  if (op == "matmul" && name.find("_packed.") != std::string::npos) {  // 2-D weights only
    return {{{{70, 64}, {64, 300}}, {70, 300}, {}, 0}, {{{203, 48}, {48, 40}}, {203, 40}, {}, 0}};
  }
  if (op == "matmul") {
    return {{{{70, 64}, {64, 300}}, {70, 300}, {}, 0},   // split along N
            {{{203, 48}, {48, 40}}, {203, 40}, {}, 0},   // split along M
            {{{2, 50, 32}, {2, 32, 129}}, {2, 50, 129}, {}, 0}};
  }
  if (op == "gemm") return {{{{61, 96}, {96, 257}}, {61, 257}, {}, 0}, {{{150, 80}, {80, 24}}, {150, 24}, {}, 0}};
  if (op == "conv" && kind == "pointwise") {
    return {{{{2, 64, 17, 19}, {48, 64, 1, 1}, {48}}, {2, 48, 17, 19}, {{"strides", {1, 1}}, {"pads", {0, 0, 0, 0}}}, 1},
            // M and K above the blocks of a packed GEMM, split along M
            {{{1, 300, 5, 7}, {270, 300, 1, 1}, {270}}, {1, 270, 5, 7}, {{"strides", {1, 1}}, {"pads", {0, 0, 0, 0}}}, 1},
            // blocked on one thread (A of 135,000 floats, 143 columns), not in the parts of a split
            {{{1, 300, 11, 13}, {450, 300, 1, 1}, {450}}, {1, 450, 11, 13}, {{"strides", {1, 1}}, {"pads", {0, 0, 0, 0}}}, 1}};
  }
  if (op == "conv" && kind == "depthwise") {
    return {{{{1, 37, 15, 15}, {37, 1, 3, 3}, {37}}, {1, 37, 8, 8}, {{"strides", {2, 2}}, {"pads", {1, 1, 1, 1}}}, 37},
            {{{2, 24, 14, 13}, {24, 1, 5, 5}, {24}}, {2, 24, 14, 13}, {{"strides", {1, 1}}, {"pads", {2, 2, 2, 2}}}, 24}};
  }
  if (op == "conv" && kind == "depthwise_interleaved") {  // blocks of channels split, the last one partial
    return {{{{1, 37, 9, 9}, {37, 1, 3, 3}, {37}}, {1, 37, 9, 9}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 37},
            {{{2, 21, 14, 14}, {21, 1, 5, 5}, {21}}, {2, 21, 7, 7}, {{"strides", {2, 2}}, {"pads", {2, 2, 2, 2}}}, 21}};
  }
  if (op == "conv" && kind == "im2col") {  // output panels split: stride 2 and groups too
    return {{{{1, 16, 23, 21}, {70, 16, 3, 3}, {70}}, {1, 70, 23, 21}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 1},
            {{{2, 12, 31, 29}, {18, 4, 3, 3}, {18}}, {2, 18, 16, 15}, {{"strides", {2, 2}}, {"pads", {1, 1, 1, 1}}}, 3}};
  }
  if (op == "conv" && kind == "im2col") {
    return {{{{1, 16, 23, 21}, {70, 16, 3, 3}, {70}}, {1, 70, 12, 11}, {{"strides", {2, 2}}, {"pads", {1, 1, 1, 1}}}, 1},
            {{{1, 24, 17, 19}, {36, 8, 3, 3}, {36}}, {1, 36, 17, 19}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 3}};
  }
  if (op == "conv" && kind == "direct") {  // bands of output rows split, the last one shorter; images too
    return {{{{1, 3, 37, 41}, {13, 3, 3, 3}, {13}}, {1, 13, 19, 21}, {{"strides", {2, 2}}, {"pads", {1, 1, 1, 1}}}, 1},
            {{{2, 3, 20, 17}, {7, 3, 3, 3}, {7}}, {2, 7, 20, 17}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 1}};
  }
  if (op == "conv" && kind == "winograd") {  // weights as transformed ([K, C, 6, 6]); the values do not matter here
    return {// 36 tiles: split over tile blocks (and K on 3 threads with AVX-512's blocks of 32)
            {{{1, 16, 23, 21}, {70, 16, 6, 6}, {70}}, {1, 70, 23, 21}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 1},
            // one block of 9 tiles: split along K
            {{{1, 40, 10, 11}, {50, 40, 6, 6}, {50}}, {1, 50, 10, 11}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 1}};
  }
  if (op == "conv") {
    return {{{{1, 16, 23, 21}, {70, 16, 3, 3}, {70}}, {1, 70, 23, 21}, {{"strides", {1, 1}}, {"pads", {1, 1, 1, 1}}}, 1}};
  }
  return {};
}

std::vector<uint8_t> run_case(const std::string& kernel, const Case& c, ThreadPool* pool) {
  KernelTester t;
  uint32_t seed = 1;
  for (const Shape& shape : c.inputs) t.input<float>(shape, random_of_shape(shape, seed++));
  t.output<float>(c.output);
  for (const auto& [attr, values] : c.int_lists) t.attr(attr, values);
  if (c.group > 0) t.attr("group", c.group);
  if (kernel.find("_packed.") != std::string::npos) {  // the bytes' order does not matter here, the attribute does
    const std::string isa = kernel.substr(kernel.rfind('.') + 1);
    const bool conv = kernel.rfind("conv.", 0) == 0;
    t.attr("packed", ((conv ? "mr" : "nr") + std::to_string(conv ? simd::packed_rows(isa) : simd::packed_cols(isa))).c_str());
  }
  if (kernel.find(".winograd.") != std::string::npos) {
    t.attr("packed", (std::string(simd::kWinoPrefix) + "mr" + std::to_string(simd::packed_rows(kernel.substr(kernel.rfind('.') + 1)))).c_str());
  }
  if (kernel.rfind("gemm.", 0) == 0) t.attr("alpha", 1.0).attr("beta", 1.0).attr("trans_a", 0).attr("trans_b", 0);
  t.attr("activation", "relu");
  t.on_threads(pool);
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_bytes();
}

TEST(ThreadedKernels, SameBytesOnOneThreadAndOnSeveral) {
  ThreadPool two(2), three(3);
  const KernelSet set = builtin_kernels();
  int checked = 0;
  for (size_t i = 0; i < set.count; ++i) {
    const std::string name = set.entries[i].name;
    if (name.find(".portable") != std::string::npos || !testing::cpu_has_isa(name.substr(name.rfind('.') + 1))) continue;
    const std::vector<Case> cases = cases_for(name);
    for (size_t k = 0; k < cases.size(); ++k) {
      const std::vector<uint8_t> alone = run_case(name, cases[k], nullptr);
      EXPECT_EQ(run_case(name, cases[k], &two), alone) << name << " case " << k << " on 2 threads";
      EXPECT_EQ(run_case(name, cases[k], &three), alone) << name << " case " << k << " on 3 threads";
      ++checked;
    }
  }
  if (checked == 0) GTEST_SKIP() << "this CPU runs no optimized kernel of this build";
}

}  // namespace
}  // namespace ingot::rt
