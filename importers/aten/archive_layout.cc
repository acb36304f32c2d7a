#include "importers/aten/archive_layout.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "importers/aten/torch_save.h"
#include "importers/aten/zip_archive.h"

namespace ingot::aten {
namespace {

constexpr uint64_t kMaxJsonBytes = uint64_t{256} << 20;

Result<Program> read_program_entry(const ZipArchive& archive, const std::string& entry) {
  INGOT_ASSIGN_OR_RETURN(std::string text, archive.read_text(entry, kMaxJsonBytes));
  Result<Json> json = parse_json(text);
  if (!json.ok()) return json.status().with_context(entry + ": ");
  Result<Program> program = read_program(json.value());
  if (!program.ok()) return program.status().with_context(entry + ": ");
  return program;
}

// A torch.save archive stored as one entry of the .pt2.
Result<ZipArchive> nested_archive(const ZipArchive& archive, const std::string& entry) {
  INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, archive.read(entry));
  return ZipArchive::open_memory(std::move(bytes), entry);
}

Result<std::map<std::string, HostTensor>> nested_tensor_dict(const ZipArchive& archive, const std::string& entry) {
  INGOT_ASSIGN_OR_RETURN(ZipArchive nested, nested_archive(archive, entry));
  return read_tensor_dict(nested);
}

// The first of `candidates` the archive holds, or "".
std::string first_present(const ZipArchive& archive, std::initializer_list<const char*> candidates) {
  for (const char* name : candidates) {
    if (archive.contains(name)) return name;
  }
  return "";
}

Status load_legacy(const ZipArchive& archive, LoadedArchive& loaded) {
  loaded.layout = "torch 2.1-2.7 (serialized_exported_program.json)";
  INGOT_ASSIGN_OR_RETURN(loaded.program, read_program_entry(archive, "serialized_exported_program.json"));
  std::string state = first_present(archive, {"serialized_state_dict.pt", "serialized_state_dict.json"});
  if (state.empty()) return Status::invalid("the weights are missing: no serialized_state_dict.pt or serialized_state_dict.json");
  INGOT_ASSIGN_OR_RETURN(loaded.state_dict, nested_tensor_dict(archive, state));
  std::string constants = first_present(archive, {"serialized_constants.pt", "serialized_constants.json"});
  if (!constants.empty()) {
    INGOT_ASSIGN_OR_RETURN(loaded.constants, nested_tensor_dict(archive, constants));
  }
  return {};
}

Result<std::vector<int64_t>> static_dims(const std::vector<SymDim>& dims, std::string_view what) {
  std::vector<int64_t> values;
  for (const SymDim& dim : dims) {
    if (dim.kind != SymDim::Kind::value) return Status::invalid(fmt::format("{} has a symbolic dim", what));
    values.push_back(dim.value);
  }
  return values;
}

// One tensor of a payload config (schema.PayloadMeta).
Result<HostTensor> payload_tensor(const ZipArchive& archive, const std::string& dir, const std::string& fqn,
                                  const Json& meta, std::map<std::string, std::vector<uint8_t>>& files) {
  const std::string what = dir + " entry '" + fqn + "'";
  INGOT_ASSIGN_OR_RETURN(const Json* path_json, member(meta, "path_name", what));
  INGOT_ASSIGN_OR_RETURN(std::string path_name, as_string(*path_json, what));
  if (path_name.find("..") != std::string::npos) return Status::invalid(fmt::format("{}: bad path '{}'", what, path_name));
  const std::string entry = dir + path_name;
  if (!archive.contains(entry)) return Status::invalid(fmt::format("{}: the weights file '{}' is missing", what, entry));
  bool use_pickle = false;
  if (const Json* flag = optional_member(meta, "use_pickle")) {
    INGOT_ASSIGN_OR_RETURN(use_pickle, as_bool(*flag, what));
  }
  if (use_pickle) {
    INGOT_ASSIGN_OR_RETURN(ZipArchive nested, nested_archive(archive, entry));
    return read_tensor(nested);
  }
  INGOT_ASSIGN_OR_RETURN(const Json* tensor_meta, member(meta, "tensor_meta", what));
  INGOT_ASSIGN_OR_RETURN(const Json* dtype_json, member(*tensor_meta, "dtype", what));
  INGOT_ASSIGN_OR_RETURN(int64_t code, as_int(*dtype_json, what));
  std::optional<DType> dtype = dtype_from_scalar_type(code);
  if (!dtype) return Status::invalid(fmt::format("{}: dtype {} is not supported", what, scalar_type_name(code)));
  StridedView view{*dtype, {}, {}, 0};
  for (auto [key, target] : {std::pair<const char*, std::vector<int64_t>*>{"sizes", &view.sizes}, {"strides", &view.strides}}) {
    INGOT_ASSIGN_OR_RETURN(const Json* list, member(*tensor_meta, key, what));
    INGOT_RETURN_IF_ERROR(as_array(*list, what).status());
    std::vector<SymDim> dims;
    for (const Json& item : *list) {
      INGOT_ASSIGN_OR_RETURN(SymDim dim, read_sym_dim(item, what));
      dims.push_back(dim);
    }
    INGOT_ASSIGN_OR_RETURN(*target, static_dims(dims, what));
  }
  if (const Json* offset = optional_member(*tensor_meta, "storage_offset")) {
    INGOT_ASSIGN_OR_RETURN(SymDim dim, read_sym_dim(*offset, what));  // an int, or {as_int}
    INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> values, static_dims({dim}, what));
    view.offset = values[0];
  }
  auto file = files.find(entry);
  if (file == files.end()) {
    INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, archive.read(entry));
    file = files.emplace(entry, std::move(bytes)).first;
  }
  Result<HostTensor> tensor = copy_strided(file->second, view);
  if (!tensor.ok()) return tensor.status().with_context(what + ": ");
  return tensor;
}

// data/weights/ or data/constants/ of a PT2 archive, either layout.
Result<std::map<std::string, HostTensor>> load_payload(const ZipArchive& archive, const std::string& dir,
                                                       const std::string& model, const std::string& kind, bool required) {
  const std::string legacy = dir + model + ".pt";
  if (archive.contains(legacy)) return nested_tensor_dict(archive, legacy);
  const std::string config_entry = dir + model + "_" + kind + "_config.json";
  if (!archive.contains(config_entry)) {
    if (!required) return std::map<std::string, HostTensor>();
    return Status::invalid(fmt::format("the {} are missing: no {} or {}", kind, legacy, config_entry));
  }
  INGOT_ASSIGN_OR_RETURN(std::string text, archive.read_text(config_entry, kMaxJsonBytes));
  Result<Json> json = parse_json(text);
  if (!json.ok()) return json.status().with_context(config_entry + ": ");
  Result<const Json*> config = member(json.value(), "config", config_entry);
  if (!config.ok()) return config.status();
  INGOT_RETURN_IF_ERROR(as_object(**config, config_entry).status());
  std::map<std::string, HostTensor> tensors;
  std::map<std::string, std::vector<uint8_t>> files;  // storages shared by aliasing tensors
  for (auto it = (*config)->begin(); it != (*config)->end(); ++it) {
    const Json* path = optional_member(it.value(), "path_name");
    if (path != nullptr && path->is_string() && !path->get<std::string>().starts_with(kind == "weights" ? "weight" : "tensor")) {
      continue;  // custom objects: rejected later if the program uses them
    }
    INGOT_ASSIGN_OR_RETURN(HostTensor tensor, payload_tensor(archive, dir, it.key(), it.value(), files));
    tensors[it.key()] = std::move(tensor);
  }
  return tensors;
}

Status load_package(const ZipArchive& archive, const std::vector<std::string>& models, LoadedArchive& loaded) {
  std::string model = models.front();
  if (models.size() > 1) {
    auto it = std::find(models.begin(), models.end(), "model");
    if (it == models.end()) {
      return Status::invalid(fmt::format("holds {} programs ({}); ingot imports one, named 'model'", models.size(),
                                         fmt::join(models, ", ")));
    }
    loaded.warnings.push_back(fmt::format("the archive holds {} programs; imported 'model'", models.size()));
    model = "model";
  }
  INGOT_ASSIGN_OR_RETURN(loaded.program, read_program_entry(archive, "models/" + model + ".json"));
  const bool legacy_weights = archive.contains("data/weights/" + model + ".pt");
  loaded.layout = legacy_weights ? "PT2 archive, torch 2.8 (pickled weights)" : "PT2 archive, torch 2.9+ (weights config)";
  INGOT_ASSIGN_OR_RETURN(loaded.state_dict, load_payload(archive, "data/weights/", model, "weights", true));
  INGOT_ASSIGN_OR_RETURN(loaded.constants, load_payload(archive, "data/constants/", model, "constants", false));
  return {};
}

}  // namespace

Result<LoadedArchive> load_archive(const std::string& path) {
  INGOT_ASSIGN_OR_RETURN(ZipArchive archive, ZipArchive::open_file(path));
  LoadedArchive loaded;
  if (archive.contains("serialized_exported_program.json")) {
    INGOT_RETURN_IF_ERROR(load_legacy(archive, loaded).with_context(path + ": "));
    return loaded;
  }
  std::vector<std::string> models;
  bool aoti = false;
  for (const std::string& name : archive.names()) {
    if (name.starts_with("models/") && name.ends_with(".json") && name.find('/', 7) == std::string::npos) {
      models.push_back(name.substr(7, name.size() - 7 - 5));
    }
    aoti = aoti || name.starts_with("data/aotinductor/");
  }
  if (!models.empty()) {
    INGOT_RETURN_IF_ERROR(load_package(archive, models, loaded).with_context(path + ": "));
    return loaded;
  }
  if (aoti) {
    return Status::invalid(path + ": an AOTInductor package (compiled code in data/aotinductor/), not a program saved by "
                                  "torch.export.save; ingot needs the exported program: save it with torch.export.save");
  }
  return Status::invalid(path + ": a zip archive but not a torch.export program: no serialized_exported_program.json "
                                "and no models/*.json");
}

}  // namespace ingot::aten
