// torch.save archives: a zip with data.pkl (the pickled object), data/<key>
// (one raw storage per key) and byteorder. torch.export keeps its state dict
// and constants this way before torch 2.9 (serialized_state_dict.pt, named
// .json before 2.3; data/weights/model.pt in 2.8), and pickled single weights
// in data/weights/ after that.
#pragma once

#include <map>
#include <string>

#include "importers/aten/host_tensor.h"
#include "importers/aten/zip_archive.h"

namespace ingot::aten {

// A pickled dict of name -> tensor (a state dict, a constants dict).
Result<std::map<std::string, HostTensor>> read_tensor_dict(const ZipArchive& archive);
// A pickled single tensor.
Result<HostTensor> read_tensor(const ZipArchive& archive);

}  // namespace ingot::aten
