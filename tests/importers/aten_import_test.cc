// The ATen importer on whole archives: the fixtures, and archives damaged
// the ways users meet (missing weights, wrong pickle globals, an
// AOTInductor package, ops ingot cannot map, --input-shape mistakes). Every
// failure is a clean error naming the file and what is wrong.
#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/aten/aten_importer.h"
#include "importers/aten/zip_archive.h"
#include "tests/importers/pt2_test_util.h"

namespace ingot::aten {
namespace {

using ::testing::HasSubstr;
using namespace ingot::testing;
using Entries = std::vector<std::pair<std::string, std::string>>;

std::string fixture(const std::string& name) { return std::string(INGOT_SOURCE_DIR) + "/testdata/pt2/" + name; }

Entries entries_of(const std::string& path) {
  Result<ZipArchive> archive = ZipArchive::open_file(path);
  EXPECT_TRUE(archive.ok()) << archive.status().message();
  Entries entries;
  for (const std::string& name : archive->names()) entries.emplace_back(name, *archive->read_text(name, 1 << 26));
  return entries;
}

void replace(Entries& entries, const std::string& name, const std::string& data) {
  for (auto& entry : entries) {
    if (entry.first == name) entry.second = data;
  }
}

void remove(Entries& entries, const std::string& name) {
  std::erase_if(entries, [&](const auto& entry) { return entry.first == name; });
}

Status import_error(const std::string& path, ImportOptions options = {}) {
  Result<ImportResult> result = import_model(path, options);
  EXPECT_FALSE(result.ok()) << path << " imported but should not";
  return result.ok() ? Status() : result.status();
}

TEST(AtenImport, TrainingIrAndCoreAtenOfOneModel) {
  for (const char* name : {"cnn_bn.train.pt2", "cnn_bn.core.pt2"}) {
    Result<ImportResult> result = import_model(fixture(name), {});
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->format, "pt2");
    ASSERT_EQ(result->graph.inputs().size(), 1u);
    EXPECT_EQ(result->graph.inputs()[0]->type().shape, (Shape{2, 3, 16, 16}));
    ASSERT_EQ(result->graph.outputs().size(), 1u);
    EXPECT_EQ(result->graph.outputs()[0]->type().shape, (Shape{2, 10}));
    EXPECT_TRUE(result->unmapped.empty());
  }
}

TEST(AtenImport, ThePt2ArchiveOfTorch29) {
  Result<ImportResult> result = import_model(fixture("linear_2_9.pt2"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_THAT(result->producer, HasSubstr("torch 2.9.0a0+fb (schema 8.12"));
  EXPECT_EQ(result->graph.constants().size(), 2u);  // linear.weight and linear.bias, raw storages
}

TEST(AtenImport, AotInductorPackageSaysWhatItIs) {
  Status status = import_error(fixture("aoti_package.pt2"));
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr("aoti_package.pt2: an AOTInductor package"));
}

TEST(AtenImport, TruncatedArchive) {
  Entries unused;
  std::string bytes;
  {
    std::ifstream in(fixture("mlp_ln.core.pt2"), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  TempFile cut(bytes.substr(0, bytes.size() / 2));
  Status status = import_error(cut.path());
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr(cut.path() + ": not a readable zip archive"));
}

TEST(AtenImport, MissingWeights) {
  Entries entries = entries_of(fixture("mlp_ln.core.pt2"));
  remove(entries, "serialized_state_dict.pt");
  TempFile file(make_zip(entries));
  EXPECT_THAT(import_error(file.path()).message(), HasSubstr(file.path() + ": the weights are missing"));
}

TEST(AtenImport, MissingOneParameter) {
  Entries entries = entries_of(fixture("mlp_ln.core.pt2"));
  std::string state = dict_pickle({{"other.weight", tensor_pickle("0", 4, 0, {2, 2}, {2, 1})}});
  replace(entries, "serialized_state_dict.pt", make_zip({{"archive/data.pkl", state}, {"archive/data/0", floats({1, 2, 3, 4})}}));
  TempFile file(make_zip(entries));
  Status status = import_error(file.path());
  EXPECT_THAT(status.message(), HasSubstr(file.path() + ": the parameter 'fc1.weight' is missing from the archive's weights"));
}

TEST(AtenImport, WeightOfTheWrongShape) {
  Entries entries = entries_of(fixture("linear_2_9.pt2"));
  for (auto& [name, data] : entries) {
    if (name == "data/weights/model_weights_config.json") {
      const std::string from = R"("sizes": [{"as_int": 3}, {"as_int": 3}])";
      size_t at = data.find(from);
      ASSERT_NE(at, std::string::npos);
      data.replace(at, from.size(), R"("sizes": [{"as_int": 1}, {"as_int": 3}])");
    }
  }
  TempFile file(make_zip(entries));
  EXPECT_THAT(import_error(file.path()).message(),
              HasSubstr("the parameter 'linear.weight' is f32[1,3] in the weights but the program expects f32[3,3]"));
}

TEST(AtenImport, WrongPickleGlobalInTheStateDict) {
  Entries entries = entries_of(fixture("mlp_ln.core.pt2"));
  std::string evil = "\x80\x02" "cbuiltins\neval\n" + pickle_string("1+1") + "\x85R.";
  replace(entries, "serialized_state_dict.pt", make_zip({{"archive/data.pkl", evil}}));
  TempFile file(make_zip(entries));
  Status status = import_error(file.path());
  EXPECT_EQ(status.kind(), ErrorKind::invalid_input);
  EXPECT_THAT(status.message(), HasSubstr(file.path() + ": serialized_state_dict.pt: data.pkl: pickle offset 2: pickle global 'builtins.eval' is not allowed"));
}

TEST(AtenImport, NotAnExportArchive) {
  TempFile file(make_zip({{"archive/data.pkl", dict_pickle({})}}));
  EXPECT_THAT(import_error(file.path()).message(), HasSubstr("a zip archive but not a torch.export program"));
}

TEST(AtenImport, UnmappedOpNamesTheNode) {
  Entries entries = entries_of(fixture("mlp_ln.core.pt2"));
  for (auto& [name, data] : entries) {
    if (name != "serialized_exported_program.json") continue;
    size_t at = data.find("torch.ops.aten.gelu.default");
    ASSERT_NE(at, std::string::npos);
    data.replace(at, 27, "torch.ops.aten.frobnicate.default");
  }
  TempFile file(make_zip(entries));
  Status status = import_error(file.path());
  EXPECT_THAT(status.message(), HasSubstr("node 'gelu' (aten.frobnicate.default): ingot has no mapping for aten.frobnicate.default"));
  ImportOptions lenient;
  lenient.keep_unmapped = true;
  Result<ImportResult> result = import_model(file.path(), lenient);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->unmapped.size(), 1u);
  EXPECT_EQ(result->unmapped[0].op_type, "aten.frobnicate.default");
}

TEST(AtenImport, InputShapeMistakesAreUsageErrors) {
  const std::string model = fixture("mlp_ln_dynamic.core.pt2");
  ImportOptions unknown;
  unknown.input_shapes["nope"] = {1, 32};
  EXPECT_EQ(import_error(model, unknown).kind(), ErrorKind::usage);
  ImportOptions rank;
  rank.input_shapes["x"] = {1, 2, 32};
  EXPECT_THAT(import_error(model, rank).message(), HasSubstr("--input-shape x: the model's input has rank 2, not 3"));
  ImportOptions fixed;
  fixed.input_shapes["x"] = {4, 16};
  Status status = import_error(model, fixed);
  EXPECT_EQ(status.kind(), ErrorKind::usage);
  EXPECT_THAT(status.message(), HasSubstr("dim 1 is fixed to 32 by the model, not 16"));
  ImportOptions good;
  good.input_shapes["x"] = {7, 32};
  Result<ImportResult> result = import_model(model, good);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->graph.outputs()[0]->type().shape, (Shape{7, 10}));
}

TEST(AtenImport, HintsBindSymbolsWithAWarning) {
  Result<ImportResult> result = import_model(fixture("encoder_block_dynamic.core.pt2"), {});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->graph.inputs()[0]->type().shape, (Shape{3, 8, 32}));
  ASSERT_FALSE(result->warnings.empty());
  EXPECT_THAT(result->warnings[0], HasSubstr("input 'x' dim 0 (s0) is symbolic; bound to 3"));
}

}  // namespace
}  // namespace ingot::aten
