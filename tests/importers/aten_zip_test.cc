// The zip reader: entries, the common root folder, and damaged archives.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/aten/zip_archive.h"
#include "tests/importers/pt2_test_util.h"

namespace ingot::aten {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ingot::testing::bytes_of;
using ingot::testing::make_zip;

TEST(ZipArchive, StripsTheCommonRootFolder) {
  std::string zip = make_zip({{"linear_3/models/model.json", "{}"}, {"linear_3/data/weights/weight_0", "abcd"}});
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip), "test.pt2");
  ASSERT_TRUE(archive.ok()) << archive.status().message();
  EXPECT_EQ(archive->root(), "linear_3");
  EXPECT_THAT(archive->names(), ElementsAre("data/weights/weight_0", "models/model.json"));
  Result<std::string> text = archive->read_text("data/weights/weight_0", 100);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "abcd");
  EXPECT_EQ(*archive->size_of("models/model.json"), 2u);
}

TEST(ZipArchive, KeepsNamesWithoutACommonRoot) {
  std::string zip = make_zip({{"serialized_exported_program.json", "{}"}, {"version", "2"}});
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip), "old.pt2");
  ASSERT_TRUE(archive.ok());
  EXPECT_EQ(archive->root(), "");
  EXPECT_TRUE(archive->contains("version"));
}

TEST(ZipArchive, MissingEntryIsNamed) {
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(make_zip({{"a/x", "1"}})), "m.pt2");
  ASSERT_TRUE(archive.ok());
  Result<std::vector<uint8_t>> data = archive->read("y");
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("m.pt2: has no entry 'y'"));
}

TEST(ZipArchive, EntryLargerThanAllowedIsRefused) {
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(make_zip({{"a/big", std::string(1000, 'x')}})), "m.pt2");
  ASSERT_TRUE(archive.ok());
  Result<std::vector<uint8_t>> data = archive->read("big", 100);
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("holds 1000 bytes, more than the 100 allowed"));
}

TEST(ZipArchive, TruncatedArchiveIsRefused) {
  std::string zip = make_zip({{"a/x", std::string(500, 'x')}, {"a/y", "yy"}});
  for (size_t keep : {size_t{0}, size_t{10}, zip.size() / 2, zip.size() - 5}) {
    Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip.substr(0, keep)), "cut.pt2");
    ASSERT_FALSE(archive.ok()) << "kept " << keep;
    EXPECT_EQ(archive.status().kind(), ErrorKind::invalid_input);
    EXPECT_THAT(archive.status().message(), HasSubstr("cut.pt2: not a readable zip archive"));
  }
}

TEST(ZipArchive, DamagedEntryFailsItsCrc) {
  std::string zip = make_zip({{"a/x", "0123456789"}});
  zip[30 + 3 + 4] ^= 0x55;  // a byte of the entry's data (after the 30-byte header and the name)
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip), "bad.pt2");
  ASSERT_TRUE(archive.ok()) << archive.status().message();
  Result<std::vector<uint8_t>> data = archive->read("x");
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("bad.pt2: entry 'x' is damaged"));
}

TEST(ZipArchive, NotAZip) {
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of("plain text, not an archive"), "notes.pt2");
  ASSERT_FALSE(archive.ok());
  EXPECT_THAT(archive.status().message(), HasSubstr("notes.pt2: not a readable zip archive"));
  Result<ZipArchive> missing = ZipArchive::open_file("/nonexistent/model.pt2");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/model.pt2: no such file"));
}

}  // namespace
}  // namespace ingot::aten
