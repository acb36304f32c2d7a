#include "importers/aten/torch_save.h"

#include <fmt/format.h>

#include "importers/aten/pickle_reader.h"

namespace ingot::aten {
namespace {

using Kind = PickleObject::Kind;

Result<Pickle> load_pickle(const ZipArchive& archive) {
  if (archive.contains("byteorder")) {
    INGOT_ASSIGN_OR_RETURN(std::string order, archive.read_text("byteorder", 16));
    if (order != "little") return Status::invalid(fmt::format("{}: byteorder is '{}'; only little-endian is supported", archive.label(), order));
  }
  if (!archive.contains("data.pkl")) return Status::invalid(fmt::format("{}: not a torch.save archive (no data.pkl)", archive.label()));
  INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, archive.read("data.pkl", kMaxPickleBytes));
  Result<Pickle> pickle = read_pickle(bytes);
  if (!pickle.ok()) return pickle.status().with_context(archive.label() + ": data.pkl: ");
  return pickle;
}

class TensorLoader {
 public:
  TensorLoader(const ZipArchive& archive, const Pickle& pickle) : archive_(archive), pickle_(pickle) {}

  Result<HostTensor> tensor(int32_t id, const std::string& what) {
    const PickleObject& object = pickle_.at(id);
    if (object.kind != Kind::tensor) return Status::invalid(fmt::format("{} is not a tensor", what));
    const PickleObject& storage = pickle_.at(object.storage);
    INGOT_ASSIGN_OR_RETURN(const std::vector<uint8_t>* bytes, storage_bytes(storage));
    StridedView view{object.dtype, object.sizes, object.strides, object.integer};
    Result<HostTensor> tensor = copy_strided(*bytes, view);
    if (!tensor.ok()) return tensor.status().with_context(fmt::format("{}: {}: ", archive_.label(), what));
    return tensor;
  }

 private:
  Result<const std::vector<uint8_t>*> storage_bytes(const PickleObject& storage) {
    auto it = storages_.find(storage.text);
    if (it != storages_.end()) return &it->second;
    const std::string entry = "data/" + storage.text;
    if (!archive_.contains(entry)) {
      return Status::invalid(fmt::format("{}: the storage '{}' is missing (weights data absent)", archive_.label(), entry));
    }
    const uint64_t want = static_cast<uint64_t>(storage.integer) * dtype_size(storage.dtype);
    INGOT_ASSIGN_OR_RETURN(uint64_t size, archive_.size_of(entry));
    if (size < want) {
      return Status::invalid(fmt::format("{}: storage '{}' holds {} bytes but {} elements of {} need {}", archive_.label(),
                                         entry, size, storage.integer, dtype_name(storage.dtype), want));
    }
    INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, archive_.read(entry));
    bytes.resize(want);
    return &storages_.emplace(storage.text, std::move(bytes)).first->second;
  }

  const ZipArchive& archive_;
  const Pickle& pickle_;
  std::map<std::string, std::vector<uint8_t>> storages_;
};

}  // namespace

Result<std::map<std::string, HostTensor>> read_tensor_dict(const ZipArchive& archive) {
  INGOT_ASSIGN_OR_RETURN(Pickle pickle, load_pickle(archive));
  const PickleObject& root = pickle.root_object();
  if (root.kind != Kind::dict) return Status::invalid(fmt::format("{}: data.pkl does not hold a dict", archive.label()));
  TensorLoader loader(archive, pickle);
  std::map<std::string, HostTensor> tensors;
  for (size_t i = 0; i + 1 < root.items.size(); i += 2) {
    const PickleObject& key = pickle.at(root.items[i]);
    if (key.kind != Kind::string) return Status::invalid(fmt::format("{}: data.pkl has a key that is not a string", archive.label()));
    INGOT_ASSIGN_OR_RETURN(HostTensor tensor, loader.tensor(root.items[i + 1], "'" + key.text + "'"));
    tensors[key.text] = std::move(tensor);
  }
  return tensors;
}

Result<HostTensor> read_tensor(const ZipArchive& archive) {
  INGOT_ASSIGN_OR_RETURN(Pickle pickle, load_pickle(archive));
  TensorLoader loader(archive, pickle);
  return loader.tensor(pickle.root, "data.pkl");
}

}  // namespace ingot::aten
