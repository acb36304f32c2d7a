// ingot check: a program against a runtime's manifest, and the loader's own
// refusal of a dtype the runtime was built without.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "compiler/program_needs.h"
#include "compiler/runtime_check.h"
#include "ingot/runtime.h"

namespace ingot {
namespace {

const std::string kCheckedModel = std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx";

// A file of this test's own in the temp dir: CTest runs each test case as
// its own process, in parallel, so a shared name would be written by one
// while another reads it.
std::string temp_file(const std::string& suffix) {
  return ::testing::TempDir() + "/" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + suffix;
}

class RuntimeCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CompileOptions options;
    options.target = "x86-64";
    Result<CompiledProgram> compiled = compile_program(kCheckedModel, options);
    ASSERT_TRUE(compiled.ok()) << compiled.status().message();
    bytes_ = compiled->bytes;
    program_ = temp_file("_model.ingot");
    std::ofstream(program_, std::ios::binary).write(reinterpret_cast<const char*>(bytes_.data()), bytes_.size());
    Result<ProgramNeeds> needs = read_program_needs(program_);
    ASSERT_TRUE(needs.ok()) << needs.status().message();
    manifest_ = {"ingot test", 0, 2, "x86_64", {"avx2", "fma"}, {}, {}};
    for (const auto& [dtype, tensor] : needs->tensor_dtypes) manifest_.dtypes.emplace_back(dtype_name(dtype));
    for (const ProgramKernelUse& use : needs->kernels) manifest_.kernels.push_back(use.name);
  }

  RuntimeCheck check(const cpp::RuntimeManifest& manifest) {
    const std::string path = temp_file("_manifest.txt");
    std::ofstream(path) << cpp::manifest_text(manifest);
    Result<RuntimeCheck> check = check_program(program_, path);
    EXPECT_TRUE(check.ok()) << check.status().message();
    return check.ok() ? *check : RuntimeCheck{};
  }

  std::vector<uint8_t> bytes_;
  std::string program_;
  cpp::RuntimeManifest manifest_;
};

TEST_F(RuntimeCheckTest, ARuntimeWithEveryKernelLoadsIt) { EXPECT_TRUE(check(manifest_).loads()); }

TEST_F(RuntimeCheckTest, NamesEveryMissingKernel) {
  cpp::RuntimeManifest fewer = manifest_;
  const std::vector<std::string> dropped(fewer.kernels.begin(), fewer.kernels.begin() + 2);
  fewer.kernels.erase(fewer.kernels.begin(), fewer.kernels.begin() + 2);
  const RuntimeCheck result = check(fewer);
  EXPECT_FALSE(result.loads());
  EXPECT_EQ(result.missing_kernels, dropped);
  EXPECT_NE(check_text(result).find(dropped[1]), std::string::npos) << check_text(result);
}

TEST_F(RuntimeCheckTest, NamesAMissingCpuFeatureAndDtype) {
  cpp::RuntimeManifest arm = manifest_;
  arm.arch = "aarch64";
  arm.features = {"neon"};
  arm.dtypes = {"i64"};
  const RuntimeCheck result = check(arm);
  ASSERT_FALSE(result.loads());
  const std::string text = check_text(result);
  EXPECT_NE(text.find("needs CPU feature avx2"), std::string::npos) << text;
  EXPECT_NE(text.find("is f32, a dtype the runtime is built without"), std::string::npos) << text;
}

// This test binary links the runtime, so it carries the built-in manifest in
// its section, where `ingot check --runtime BINARY` finds it.
TEST_F(RuntimeCheckTest, ReadsTheManifestOfABinary) {
  Result<cpp::RuntimeManifest> manifest = read_runtime_manifest("/proc/self/exe");
  ASSERT_TRUE(manifest.ok()) << manifest.status().message();
  Result<cpp::RuntimeManifest> built_in = cpp::parse_manifest(rt::runtime_manifest(), "built-in");
  ASSERT_TRUE(built_in.ok());
  EXPECT_EQ(manifest->kernels, built_in->kernels);
}

TEST_F(RuntimeCheckTest, AnUnreadableOrForeignRuntimeIsAnError) {
  EXPECT_FALSE(check_program(program_, "/no/such/runtime").ok());
  const std::string path = ::testing::TempDir() + "/not_a_manifest.txt";
  std::ofstream(path) << "hello\n";
  EXPECT_FALSE(check_program(program_, path).ok());
}

TEST_F(RuntimeCheckTest, TheLoaderRefusesADtypeTheRuntimeIsBuiltWithout) {
  rt::KernelSet kernels = rt::builtin_kernels();
  kernels.dtypes = rt::dtype_bit(rt::DType::i64);
  std::vector<uint8_t> aligned(bytes_.size() + 64);
  uint8_t* data = aligned.data() + (64 - reinterpret_cast<uintptr_t>(aligned.data()) % 64) % 64;
  std::copy(bytes_.begin(), bytes_.end(), data);
  rt::Program program;
  rt::Status status = rt::Program::load(data, bytes_.size(), kernels, &program);
  EXPECT_EQ(status.error, rt::Error::missing_kernel);
  EXPECT_NE(std::string(status.message).find("is f32, a dtype this runtime is built without"), std::string::npos)
      << status.message;
}

}  // namespace
}  // namespace ingot
