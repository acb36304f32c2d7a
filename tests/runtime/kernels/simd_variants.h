// The optimized kernel variants this build has, for the variant tests
// (simd_*_test.cc): every "op.variant.dtype.isa" entry of builtin_kernels(),
// that is the x86 list (kernels/x86/variants.def) on x86-64 and the ARM list
// (kernels/arm/variants.def) on AArch64, where the cross build runs these
// tests under qemu. One harness per family thus covers every ISA; variants
// whose ISA this CPU lacks are left out (and counted, for the skip message).
#pragma once

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingot/runtime.h"
#include "tests/runtime/kernel_tester.h"

namespace ingot::rt::testing {

struct SimdVariant {
  std::string op;       // "conv"
  std::string variant;  // "depthwise"
  std::string dtype;    // "f32"; the integer ops' variants: "u8", "i8" (their output's)
  std::string isa;      // "avx2", "neon"
  std::string name;     // "conv.depthwise.f32.neon"
};

// The CPU features a variant of that ISA needs: what the compiler records in
// a program's required_isa for it (compiler/target.cc).
inline std::vector<const char*> isa_features(const std::string& isa) {
  if (isa == "avx2") return {"avx2", "fma"};
  if (isa == "avx512") return {"avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"};
  if (isa == "neon") return {"neon"};
  if (isa == "dotprod") return {"neon", "dotprod"};
  ADD_FAILURE() << "no CPU features known for ISA '" << isa << "': add them to simd_variants.h";
  return {"unknown"};
}

inline bool cpu_has_isa(const std::string& isa) {
  for (const char* feature : isa_features(isa)) {
    if (!cpu_supports(feature)) return false;
  }
  return true;
}

// Every optimized variant of `op` of that kind ("" for any kind) and dtype
// ("" for any) in this build, in the registry's order, whether or not this
// CPU can run it.
inline std::vector<SimdVariant> all_simd_variants(const std::string& op, const std::string& variant,
                                                  const std::string& dtype = "f32") {
  std::vector<SimdVariant> found;
  const KernelSet kernels = builtin_kernels();
  for (size_t i = 0; i < kernels.count; ++i) {
    const std::string name = kernels.entries[i].name;
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
      const size_t dot = name.find('.', start);
      parts.push_back(name.substr(start, dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (parts.size() == 4 && parts[0] == op && (variant.empty() || parts[1] == variant) && (dtype.empty() || parts[2] == dtype)) {
      found.push_back({parts[0], parts[1], parts[2], parts[3], name});
    }
  }
  return found;
}

// Those this CPU can run; `skipped` (if given) counts the others.
inline std::vector<SimdVariant> simd_variants(const std::string& op, const std::string& variant, int* skipped = nullptr,
                                              const std::string& dtype = "f32") {
  std::vector<SimdVariant> runnable;
  for (SimdVariant& v : all_simd_variants(op, variant, dtype)) {
    if (cpu_has_isa(v.isa)) {
      runnable.push_back(std::move(v));
    } else if (skipped != nullptr) {
      ++*skipped;
    }
  }
  return runnable;
}

// n normally distributed operands (times scale), the same for the same seed.
inline std::vector<float> random_values(int64_t n, uint32_t seed, float scale = 1) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  std::vector<float> values(static_cast<size_t>(n));
  for (float& v : values) v = scale * normal(random);
  return values;
}

// A fused activation of the variant tests: kind "" (none), "relu", "clip"
// with its bounds, or "silu".
struct Activation {
  const char* kind;
  std::vector<double> params;
};

inline void set_activation(KernelTester& t, const Activation& act) {
  if (act.kind[0] != '\0') t.attr("activation", act.kind);
  if (!act.params.empty()) t.attr("activation_params", act.params);
}

// The ISA's standalone silu kernel (silu.vec.f32.<isa>) on values.
inline std::vector<float> standalone_silu(const std::string& isa, const std::vector<float>& values) {
  const std::string kernel = "silu.vec.f32." + isa;
  KernelTester t;
  t.input<float>({static_cast<int64_t>(values.size())}, values).output<float>({static_cast<int64_t>(values.size())});
  EXPECT_EQ(t.run(kernel.c_str()), Error::ok) << kernel << ": " << t.message();
  return t.output_values<float>();
}

// "Fusing never changes a value" (kernels/portable/fused_activation.h): a
// variant's fused silu gives, bit for bit, what the ISA's standalone silu
// kernel makes of the variant's unfused result. run(act) runs the variant
// on the same operands with that activation.
template <typename Run>
void expect_fused_silu_is_standalone(const SimdVariant& v, Run run, const std::string& where) {
  const std::vector<float> fused = run(Activation{"silu", {}});
  const std::vector<float> expected = standalone_silu(v.isa, run(Activation{"", {}}));
  ASSERT_EQ(fused.size(), expected.size()) << where;
  for (size_t i = 0; i < fused.size(); ++i) {
    if (std::memcmp(&fused[i], &expected[i], sizeof(float)) != 0) {
      FAIL() << where << ": fused silu " << fused[i] << " but the standalone kernel " << expected[i] << " at element " << i;
    }
  }
}

}  // namespace ingot::rt::testing
