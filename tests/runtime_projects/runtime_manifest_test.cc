// The runtime manifest: the text every runtime build compiles in, and
// ingot's reading of it.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "emitters/cpp/runtime_manifest.h"
#include "ingot/runtime.h"

namespace ingot::cpp {
namespace {

RuntimeManifest sample() {
  return {"ingot 0.1.0", 0, 2, "aarch64", {"neon"}, {"f32", "i64"}, {"add.vec.f32.neon", "reshape.portable"}};
}

TEST(RuntimeManifest, ReadsBackWhatItWrites) {
  const RuntimeManifest manifest = sample();
  Result<RuntimeManifest> parsed = parse_manifest(manifest_text(manifest), "m");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->producer, manifest.producer);
  EXPECT_EQ(parsed->format_major, 0);
  EXPECT_EQ(parsed->format_minor, 2);
  EXPECT_EQ(parsed->arch, "aarch64");
  EXPECT_EQ(parsed->features, manifest.features);
  EXPECT_EQ(parsed->dtypes, manifest.dtypes);
  EXPECT_EQ(parsed->kernels, manifest.kernels);
}

// The runtime's own manifest is made by the preprocessor from the variant
// lists; it must name exactly the kernels its registry has.
TEST(RuntimeManifest, TheBuiltInManifestListsEveryRegisteredKernel) {
  Result<RuntimeManifest> parsed = parse_manifest(rt::runtime_manifest(), "built-in");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  std::set<std::string> registered;
  const rt::KernelSet kernels = rt::builtin_kernels();
  for (size_t i = 0; i < kernels.count; ++i) registered.insert(kernels.entries[i].name);
  EXPECT_EQ(std::set<std::string>(parsed->kernels.begin(), parsed->kernels.end()), registered);
  EXPECT_EQ(parsed->kernels.size(), registered.size()) << "a kernel listed twice";
  EXPECT_EQ(parsed->format_major, static_cast<int>(rt::kFormatMajor));
  EXPECT_EQ(parsed->format_minor, static_cast<int>(rt::kFormatMinor));
  EXPECT_EQ(parsed->dtypes.size(), 13u);
#if defined(__x86_64__)
  EXPECT_EQ(parsed->arch, "x86_64");
  EXPECT_EQ(parsed->features.front(), "avx2");
#endif
}

TEST(RuntimeManifest, RefusesWhatIsNotAManifest) {
  Result<RuntimeManifest> parsed = parse_manifest("hello\n", "notes.txt");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("notes.txt: manifest line 1: not an ingot runtime manifest"), std::string::npos)
      << parsed.status().message();
}

TEST(RuntimeManifest, RefusesANewerVersionAndACutShortOne) {
  Result<RuntimeManifest> newer = parse_manifest("ingot-runtime-manifest 9\nend\n", "m");
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("version 9"), std::string::npos) << newer.status().message();
  std::string text = manifest_text(sample());
  Result<RuntimeManifest> cut = parse_manifest(text.substr(0, text.size() - 4), "m");
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut short"), std::string::npos) << cut.status().message();
  EXPECT_FALSE(parse_manifest("ingot-runtime-manifest 1\nprogram-format zero\nend\n", "m").ok());
}

TEST(RuntimeManifest, SkipsEntriesOfALaterIngot) {
  Result<RuntimeManifest> parsed =
      parse_manifest("ingot-runtime-manifest 1\nprogram-format 0.2\nsomething new\nkernel a.portable\nend\n", "m");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->kernels, std::vector<std::string>{"a.portable"});
}

}  // namespace
}  // namespace ingot::cpp
