#include "compiler/npy.h"

#include <fstream>
#include <regex>

#include <fmt/format.h>

namespace ingot {
namespace {

struct Descr {
  const char* text;
  DType dtype;
};

// The dtype strings numpy writes, little-endian or byte-sized.
constexpr Descr kDescrs[] = {
    {"<f4", DType::f32}, {"<f8", DType::f64}, {"<f2", DType::f16}, {"|i1", DType::i8},  {"<i2", DType::i16},
    {"<i4", DType::i32}, {"<i8", DType::i64}, {"|u1", DType::u8},  {"<u2", DType::u16}, {"<u4", DType::u32},
    {"<u8", DType::u64}, {"|b1", DType::boolean},
};

std::string descr_of(DType dtype) {
  for (const Descr& d : kDescrs) {
    if (d.dtype == dtype) return d.text;
  }
  return "<u2";  // bf16 has no numpy type: its bits as uint16
}

}  // namespace

Result<HostTensorData> read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid(path + ": cannot be opened");
  char magic[8] = {};
  in.read(magic, 8);
  if (!in || std::string(magic, 6) != "\x93NUMPY") return Status::invalid(path + ": not a .npy file");
  const int major = static_cast<uint8_t>(magic[6]);
  uint32_t header_size = 0;
  if (major == 1) {
    uint8_t size[2];
    in.read(reinterpret_cast<char*>(size), 2);
    header_size = size[0] | (size[1] << 8);
  } else if (major == 2 || major == 3) {
    uint8_t size[4];
    in.read(reinterpret_cast<char*>(size), 4);
    header_size = size[0] | (size[1] << 8) | (size[2] << 16) | (static_cast<uint32_t>(size[3]) << 24);
  } else {
    return Status::invalid(fmt::format("{}: .npy format version {} is not supported", path, major));
  }
  if (!in || header_size > (1u << 20)) return Status::invalid(path + ": the .npy header is damaged");
  std::string header(header_size, '\0');
  in.read(header.data(), header_size);
  if (!in) return Status::invalid(path + ": the .npy header is truncated");

  std::smatch match;
  if (!std::regex_search(header, match, std::regex(R"('descr'\s*:\s*'([^']*)')"))) {
    return Status::invalid(path + ": the .npy header has no descr");
  }
  HostTensorData tensor;
  bool known = false;
  for (const Descr& d : kDescrs) {
    if (match[1] == d.text) {
      tensor.type.dtype = d.dtype;
      known = true;
    }
  }
  if (!known) return Status::invalid(fmt::format("{}: .npy dtype '{}' is not supported", path, match[1].str()));
  if (std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)"))) {
    return Status::invalid(path + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
  }
  if (!std::regex_search(header, match, std::regex(R"('shape'\s*:\s*\(([^)]*)\))"))) {
    return Status::invalid(path + ": the .npy header has no shape");
  }
  std::string dims = match[1];
  const std::regex number(R"(\d+)");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
    if (it->str().size() > 15) return Status::invalid(path + ": a .npy dimension is absurdly large");
    tensor.type.shape.push_back(std::stoll(it->str()));
  }
  INGOT_ASSIGN_OR_RETURN(int64_t count, checked_num_elements(tensor.type.shape));
  const auto bytes = static_cast<size_t>(count) * dtype_size(tensor.type.dtype);
  tensor.bytes.resize(bytes);
  in.read(reinterpret_cast<char*>(tensor.bytes.data()), static_cast<std::streamsize>(bytes));
  if (static_cast<size_t>(in.gcount()) != bytes) {
    return Status::invalid(fmt::format("{}: holds fewer bytes than its shape [{}] needs", path,
                                       shape_to_string(tensor.type.shape)));
  }
  return tensor;
}

std::string npy_bytes(const TensorType& type, const uint8_t* data, size_t size) {
  std::string shape;
  for (int64_t dim : type.shape) shape += std::to_string(dim) + ",";
  if (type.shape.size() > 1) shape.pop_back();
  std::string header =
      fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}), }}", descr_of(type.dtype), shape);
  // Pad so that the data starts on a 64-byte boundary, ending with '\n'.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(reinterpret_cast<const char*>(data), size);
  return out;
}

}  // namespace ingot
