#include "importers/onnx/tensor_proto.h"

#include <cstring>
#include <fstream>

#include <fmt/format.h>

namespace ingot::onnx_import {
namespace {

using onnx::TensorProto;

Result<std::vector<uint8_t>> read_external(const TensorProto& proto, const std::filesystem::path& model_dir,
                                           int64_t expected_bytes) {
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;
  for (const auto& entry : proto.external_data()) {
    try {
      if (entry.key() == "location") location = entry.value();
      if (entry.key() == "offset") offset = std::stoll(entry.value());
      if (entry.key() == "length") length = std::stoll(entry.value());
    } catch (const std::exception&) {
      return Status::invalid(fmt::format("external data field '{}' is not a number: '{}'", entry.key(), entry.value()));
    }
  }
  std::filesystem::path relative(location);
  if (location.empty() || relative.is_absolute() ||
      std::any_of(relative.begin(), relative.end(), [](const auto& part) { return part == ".."; })) {
    return Status::invalid(fmt::format("external data location '{}' must be a path inside the model's folder", location));
  }
  std::filesystem::path path = model_dir / relative;
  std::error_code error;
  auto file_size = static_cast<int64_t>(std::filesystem::file_size(path, error));
  if (error) return Status::invalid(fmt::format("external data file '{}' cannot be read: {}", path.string(), error.message()));
  if (length < 0) length = expected_bytes;
  if (length != expected_bytes || offset < 0 || offset > file_size || length > file_size - offset) {
    return Status::invalid(fmt::format("external data '{}' (offset {}, length {}) does not hold the {} bytes the tensor needs",
                                       path.string(), offset, length, expected_bytes));
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(length));
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  in.read(reinterpret_cast<char*>(bytes.data()), length);
  if (!in) return Status::invalid(fmt::format("external data file '{}' could not be read", path.string()));
  return bytes;
}

// Copies a typed repeated field into `count` elements of type T.
template <typename T, typename Field>
Result<std::vector<uint8_t>> pack(const Field& field, int64_t count, const char* field_name) {
  if (static_cast<int64_t>(field.size()) != count) {
    return Status::invalid(fmt::format("{} holds {} values, the shape needs {}", field_name, field.size(), count));
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(count) * sizeof(T));
  for (int64_t i = 0; i < count; ++i) {
    T value = static_cast<T>(field.Get(static_cast<int>(i)));
    std::memcpy(bytes.data() + i * sizeof(T), &value, sizeof(T));
  }
  return bytes;
}

Result<std::vector<uint8_t>> from_typed_fields(const TensorProto& proto, DType dtype, int64_t count) {
  switch (dtype) {
    case DType::f32: return pack<float>(proto.float_data(), count, "float_data");
    case DType::f64: return pack<double>(proto.double_data(), count, "double_data");
    case DType::i64: return pack<int64_t>(proto.int64_data(), count, "int64_data");
    case DType::u32: return pack<uint32_t>(proto.uint64_data(), count, "uint64_data");
    case DType::u64: return pack<uint64_t>(proto.uint64_data(), count, "uint64_data");
    case DType::i32: return pack<int32_t>(proto.int32_data(), count, "int32_data");
    case DType::i16: return pack<int16_t>(proto.int32_data(), count, "int32_data");
    case DType::i8: return pack<int8_t>(proto.int32_data(), count, "int32_data");
    case DType::u16:
    case DType::f16:
    case DType::bf16: return pack<uint16_t>(proto.int32_data(), count, "int32_data");
    case DType::u8:
    case DType::boolean: return pack<uint8_t>(proto.int32_data(), count, "int32_data");
  }
  return Status::internal("unhandled dtype");
}

}  // namespace

std::optional<DType> dtype_from_onnx(int32_t elem_type) {
  switch (elem_type) {
    case TensorProto::FLOAT: return DType::f32;
    case TensorProto::DOUBLE: return DType::f64;
    case TensorProto::FLOAT16: return DType::f16;
    case TensorProto::BFLOAT16: return DType::bf16;
    case TensorProto::INT8: return DType::i8;
    case TensorProto::INT16: return DType::i16;
    case TensorProto::INT32: return DType::i32;
    case TensorProto::INT64: return DType::i64;
    case TensorProto::UINT8: return DType::u8;
    case TensorProto::UINT16: return DType::u16;
    case TensorProto::UINT32: return DType::u32;
    case TensorProto::UINT64: return DType::u64;
    case TensorProto::BOOL: return DType::boolean;
    default: return std::nullopt;
  }
}

std::string onnx_elem_type_name(int32_t elem_type) {
  if (TensorProto::DataType_IsValid(elem_type)) return TensorProto::DataType_Name(static_cast<TensorProto::DataType>(elem_type));
  return fmt::format("data type {}", elem_type);
}

Result<HostTensor> tensor_from_proto(const TensorProto& proto, const std::filesystem::path& model_dir) {
  std::optional<DType> dtype = dtype_from_onnx(proto.data_type());
  if (!dtype) return Status::invalid(fmt::format("tensor '{}' has unsupported element type {}", proto.name(), onnx_elem_type_name(proto.data_type())));
  HostTensor tensor;
  tensor.type.dtype = *dtype;
  tensor.type.shape.assign(proto.dims().begin(), proto.dims().end());
  Result<int64_t> count = checked_num_elements(tensor.type.shape);
  if (!count.ok()) return count.status().with_context(fmt::format("tensor '{}': ", proto.name()));
  const int64_t expected_bytes = count.value() * static_cast<int64_t>(dtype_size(*dtype));

  Result<std::vector<uint8_t>> bytes = std::vector<uint8_t>{};
  if (proto.data_location() == TensorProto::EXTERNAL) {
    bytes = read_external(proto, model_dir, expected_bytes);
  } else if (proto.has_raw_data()) {
    if (static_cast<int64_t>(proto.raw_data().size()) != expected_bytes) {
      return Status::invalid(fmt::format("tensor '{}' has {} bytes of raw_data, its shape [{}] needs {}", proto.name(),
                                         proto.raw_data().size(), shape_to_string(tensor.type.shape), expected_bytes));
    }
    bytes = std::vector<uint8_t>(proto.raw_data().begin(), proto.raw_data().end());
  } else {
    bytes = from_typed_fields(proto, *dtype, count.value());
  }
  if (!bytes.ok()) return bytes.status().with_context(fmt::format("tensor '{}': ", proto.name()));
  tensor.bytes = std::move(bytes).value();
  return tensor;
}

}  // namespace ingot::onnx_import
