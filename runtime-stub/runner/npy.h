// NumPy .npy files (format 1.0-3.0, C order, little-endian or byte-sized):
// the tensors ingot-run and `ingot run` read and write. Plain C++17 and the
// runtime's DType only, so that a runner on a device needs nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingot/runtime.h"

namespace ingot::rt::npy {

struct Array {
  DType dtype = DType::f32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;  // C order
};

// Reads `path` into `out`. Returns "" on success, else one line saying why,
// starting with the path.
std::string read(const std::string& path, Array* out);
// The same for a whole .npy file held in memory (an entry of an .npz);
// `label` names it in messages.
std::string parse(const std::string& bytes, const std::string& label, Array* out);

// The whole .npy file for a tensor of that dtype and shape (format 1.0, the
// data 64-byte aligned). bf16, which numpy lacks, is written as its uint16 bits.
std::string file_bytes(DType dtype, const int64_t* dims, size_t rank, const void* data, size_t size);

}  // namespace ingot::rt::npy
