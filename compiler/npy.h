// NumPy .npy files (format 1.0-3.0, C order, little-endian): the tensors
// `ingot run` reads and writes, through the runtime's reader and writer
// (runtime-stub/runner/npy.h, shared with ingot-run).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/status.h"
#include "ir/tensor_type.h"

namespace ingot {

struct HostTensorData {
  TensorType type;
  std::vector<uint8_t> bytes;
};

Result<HostTensorData> read_npy(const std::string& path);
// A .npy file's bytes (an .npz entry); `label` names it in messages.
Result<HostTensorData> parse_npy(const std::string& bytes, const std::string& label);
std::string npy_bytes(const TensorType& type, const uint8_t* data, size_t size);

}  // namespace ingot
