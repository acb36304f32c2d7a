// Every core op has a portable reference kernel, registered under
// "<op>.portable", and the runtime registers nothing that is not a core op.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "ingot/runtime.h"
#include "ir/op_kind.h"

namespace ingot {
namespace {

std::set<std::string> registered() {
  std::set<std::string> names;
  rt::KernelSet set = rt::portable_kernels();
  for (size_t i = 0; i < set.count; ++i) names.insert(set.entries[i].name);
  return names;
}

TEST(KernelCoverage, EveryCoreOpHasAPortableKernel) {
  std::set<std::string> names = registered();
  for (int i = 0; i < kNumOps; ++i) {
    auto op = static_cast<OpKind>(i);
    if (op == OpKind::unmapped) continue;  // never compiled
    EXPECT_TRUE(names.contains(std::string(op_name(op)) + ".portable")) << op_name(op) << " has no portable kernel";
  }
}

TEST(KernelCoverage, EveryPortableKernelIsACoreOp) {
  for (const std::string& name : registered()) {
    ASSERT_TRUE(name.ends_with(".portable")) << name;
    EXPECT_TRUE(parse_op_name(name.substr(0, name.size() - 9)).has_value()) << name;
  }
}

}  // namespace
}  // namespace ingot
