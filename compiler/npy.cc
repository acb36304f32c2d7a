#include "compiler/npy.h"

#include "runner/npy.h"

namespace ingot {

// The runtime's reader and writer (runtime-stub/runner/npy.cc, shared with
// ingot-run), in the compiler's types. rt::DType has the IR's DType values.
namespace {

HostTensorData host_tensor(rt::npy::Array array) {
  HostTensorData tensor;
  tensor.type.dtype = static_cast<DType>(array.dtype);
  tensor.type.shape = Shape(array.shape.begin(), array.shape.end());
  tensor.bytes = std::move(array.bytes);
  return tensor;
}

}  // namespace

Result<HostTensorData> read_npy(const std::string& path) {
  rt::npy::Array array;
  if (std::string error = rt::npy::read(path, &array); !error.empty()) return Status::invalid(error);
  return host_tensor(std::move(array));
}

Result<HostTensorData> parse_npy(const std::string& bytes, const std::string& label) {
  rt::npy::Array array;
  if (std::string error = rt::npy::parse(bytes, label, &array); !error.empty()) return Status::invalid(error);
  return host_tensor(std::move(array));
}

std::string npy_bytes(const TensorType& type, const uint8_t* data, size_t size) {
  return rt::npy::file_bytes(static_cast<rt::DType>(type.dtype), type.shape.data(), type.shape.size(), data, size);
}

}  // namespace ingot
