// Finds the exported program and its tensors in a .pt2 archive, in every
// layout torch.export.save has used:
//   torch 2.1-2.7  serialized_exported_program.json, and torch.save archives
//                  serialized_state_dict.{json,pt} and serialized_constants.{json,pt}
//   torch 2.8      models/<name>.json, data/weights/<name>.pt and
//                  data/constants/<name>.pt (torch.save archives)
//   torch 2.9+     models/<name>.json, data/weights/<name>_weights_config.json
//                  (raw storages data/weights/weight_N, or pickled ones, with
//                  sizes, strides and offsets that may alias one storage) and
//                  data/constants/<name>_constants_config.json
// An AOTInductor package (compiled code under data/aotinductor/, no
// models/*.json) is refused with a message that says what it is.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "importers/aten/host_tensor.h"
#include "importers/aten/program.h"

namespace ingot::aten {

struct LoadedArchive {
  Program program;
  std::string layout;  // "torch 2.1-2.7 (serialized_exported_program.json)", ...
  // Parameters and buffers by FQN, and lifted constants by name.
  std::map<std::string, HostTensor> state_dict;
  std::map<std::string, HostTensor> constants;
  std::vector<std::string> warnings;
};

// Messages name the entry; the caller prefixes the file.
Result<LoadedArchive> load_archive(const std::string& path);

}  // namespace ingot::aten
