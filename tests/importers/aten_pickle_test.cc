// The bounded unpickler and torch.save archives: tensors rebuilt from their
// storages, and everything that is not tensor rebuilding refused by name.
#include <cstring>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/aten/pickle_reader.h"
#include "importers/aten/torch_save.h"
#include "tests/importers/pt2_test_util.h"

namespace ingot::aten {
namespace {

using ::testing::HasSubstr;
using namespace ingot::testing;

std::vector<float> as_floats(const HostTensor& tensor) {
  std::vector<float> values(tensor.bytes.size() / 4);
  std::memcpy(values.data(), tensor.bytes.data(), tensor.bytes.size());
  return values;
}

Result<std::map<std::string, HostTensor>> load(const std::string& pickle, const std::string& storage = floats({1, 2, 3, 4, 5, 6})) {
  std::string zip = make_zip({{"archive/data.pkl", pickle}, {"archive/byteorder", "little"}, {"archive/data/0", storage}});
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip), "state.pt");
  if (!archive.ok()) return archive.status();
  return read_tensor_dict(*archive);
}

Status load_error(const std::string& pickle, const std::string& storage = floats({1, 2, 3, 4, 5, 6})) {
  Result<std::map<std::string, HostTensor>> result = load(pickle, storage);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), ErrorKind::invalid_input);
  return result.status();
}

TEST(TorchSave, RebuildsAStateDict) {
  std::string param = "ctorch._utils\n_rebuild_parameter\n" + tensor_pickle("0", 6, 0, {2, 3}, {3, 1}) + "\x88" +
                      "ccollections\nOrderedDict\n)R\x87R";
  Result<std::map<std::string, HostTensor>> tensors = load(dict_pickle({{"fc.weight", param}, {"fc.bias", tensor_pickle("0", 6, 4, {2}, {1})}}));
  ASSERT_TRUE(tensors.ok()) << tensors.status().message();
  ASSERT_EQ(tensors->size(), 2u);
  EXPECT_EQ(tensors->at("fc.weight").type.shape, (Shape{2, 3}));
  EXPECT_EQ(as_floats(tensors->at("fc.weight")), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(as_floats(tensors->at("fc.bias")), (std::vector<float>{5, 6}));
}

TEST(TorchSave, MaterialisesStridedViews) {
  // A transposed [3, 2] view of the [2, 3] storage.
  Result<std::map<std::string, HostTensor>> tensors = load(dict_pickle({{"t", tensor_pickle("0", 6, 0, {3, 2}, {1, 3})}}));
  ASSERT_TRUE(tensors.ok()) << tensors.status().message();
  EXPECT_EQ(as_floats(tensors->at("t")), (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(TorchSave, ViewOutsideTheStorageIsRefused) {
  Status status = load_error(dict_pickle({{"w", tensor_pickle("0", 6, 2, {2, 3}, {3, 1})}}));
  EXPECT_THAT(status.message(), HasSubstr("state.pt: 'w': the view [2,3] with strides [3,1] at offset 2 reaches past the storage of 6 elements"));
}

TEST(TorchSave, StorageSmallerThanItsSizeIsRefused) {
  Status status = load_error(dict_pickle({{"w", tensor_pickle("0", 6, 0, {6}, {1})}}), floats({1, 2}));
  EXPECT_THAT(status.message(), HasSubstr("storage 'data/0' holds 8 bytes but 6 elements of f32 need 24"));
}

TEST(TorchSave, MissingStorageIsNamed) {
  Status status = load_error(dict_pickle({{"w", tensor_pickle("7", 6, 0, {6}, {1})}}));
  EXPECT_THAT(status.message(), HasSubstr("state.pt: the storage 'data/7' is missing"));
}

TEST(Pickle, RefusesGlobalsOutsideTheWhitelist) {
  Status status = load_error("\x80\x02" "cos\nsystem\n" + pickle_string("echo hi") + "\x85R.");
  EXPECT_THAT(status.message(), HasSubstr("state.pt: data.pkl: pickle offset 2: pickle global 'os.system' is not allowed"));
  status = load_error(dict_pickle({{"w", tensor_pickle("0", 6, 0, {6}, {1}, "FloatStorage", "_rebuild_from_type_v2")}}));
  EXPECT_THAT(status.message(), HasSubstr("pickle global 'torch._utils._rebuild_from_type_v2' is not allowed"));
  status = load_error(dict_pickle({{"w", tensor_pickle("0", 6, 0, {6}, {1}, "ComplexFloatStorage")}}));
  EXPECT_THAT(status.message(), HasSubstr("pickle global 'torch.ComplexFloatStorage' is not allowed"));
}

TEST(Pickle, RefusesOpcodesThatBuildArbitraryObjects) {
  // INST ('i') and OBJ ('o') create instances of any class.
  EXPECT_THAT(load_error("\x80\x02(ibuiltins\nobject\n.").message(), HasSubstr("opcode 0x69 is not accepted"));
  EXPECT_THAT(load_error("\x80\x02(o.").message(), HasSubstr("opcode 0x6f is not accepted"));
}

TEST(Pickle, MalformedStreams) {
  EXPECT_THAT(load_error("\x80\x02}").message(), HasSubstr("ends without a STOP opcode"));
  EXPECT_THAT(load_error("\x80\x02" + pickle_string("abc").substr(0, 6)).message(), HasSubstr("truncated"));
  EXPECT_THAT(load_error("\x80\x02h\x05.").message(), HasSubstr("memo entry 5 is read before it is written"));
  EXPECT_THAT(load_error("\x80\x02u.").message(), HasSubstr("no MARK"));
  EXPECT_THAT(load_error("\x80\x02t.").message(), HasSubstr("no MARK"));
  EXPECT_THAT(load_error("\x80\x02R.").message(), HasSubstr("stack underflow"));
  EXPECT_THAT(load_error("\x80\x02K\x01K\x02.").message(), HasSubstr("exactly one object"));
  EXPECT_THAT(load_error("\x80\x02K\x01.").message(), HasSubstr("does not hold a dict"));
}

TEST(Pickle, CyclesDoNotLoop) {
  // l = []; l.append(l): the arena holds the cycle by index.
  Result<Pickle> pickle = read_pickle(bytes_of(std::string("\x80\x02]q\x00h\x00" "a.", 9)));
  ASSERT_TRUE(pickle.ok()) << pickle.status().message();
  EXPECT_EQ(pickle->root_object().items.size(), 1u);
  EXPECT_EQ(pickle->root_object().items[0], pickle->root);
}

TEST(Pickle, BigEndianArchivesAreRefused) {
  std::string zip = make_zip({{"archive/data.pkl", dict_pickle({})}, {"archive/byteorder", "big"}});
  Result<ZipArchive> archive = ZipArchive::open_memory(bytes_of(zip), "be.pt");
  ASSERT_TRUE(archive.ok());
  Result<std::map<std::string, HostTensor>> tensors = read_tensor_dict(*archive);
  ASSERT_FALSE(tensors.ok());
  EXPECT_THAT(tensors.status().message(), HasSubstr("byteorder is 'big'"));
}

}  // namespace
}  // namespace ingot::aten
