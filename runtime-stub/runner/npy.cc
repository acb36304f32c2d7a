#include "runner/npy.h"

#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <sstream>

namespace ingot::rt::npy {
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

const char* descr_of(DType dtype) {
  for (const Descr& d : kDescrs) {
    if (d.dtype == dtype) return d.text;
  }
  return "<u2";  // bf16 has no numpy type: its bits as uint16
}

// The text after "'key':" in the header dict, spaces skipped; npos if absent.
size_t value_of(const std::string& header, const char* key) {
  const std::string quoted = std::string("'") + key + "'";
  size_t at = header.find(quoted);
  if (at == std::string::npos) return at;
  at = header.find(':', at + quoted.size());
  if (at == std::string::npos) return at;
  at = header.find_first_not_of(" \t", at + 1);
  return at;
}

// Reads one .npy from `in`; `path` names it in messages.
std::string read_stream(std::istream& in, const std::string& path, Array* out) {
  char magic[8] = {};
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) return path + ": not a .npy file";
  const int major = static_cast<uint8_t>(magic[6]);
  uint32_t header_size = 0;
  if (major == 1) {
    uint8_t size[2] = {};
    in.read(reinterpret_cast<char*>(size), 2);
    header_size = size[0] | (size[1] << 8);
  } else if (major == 2 || major == 3) {
    uint8_t size[4] = {};
    in.read(reinterpret_cast<char*>(size), 4);
    header_size = size[0] | (size[1] << 8) | (size[2] << 16) | (static_cast<uint32_t>(size[3]) << 24);
  } else {
    return path + ": .npy format version " + std::to_string(major) + " is not supported";
  }
  if (!in || header_size > (1u << 20)) return path + ": the .npy header is damaged";
  std::string header(header_size, '\0');
  in.read(&header[0], header_size);
  if (!in) return path + ": the .npy header is truncated";

  Array array;
  size_t at = value_of(header, "descr");
  if (at == std::string::npos || header[at] != '\'') return path + ": the .npy header has no descr";
  const size_t end = header.find('\'', at + 1);
  if (end == std::string::npos) return path + ": the .npy header is damaged";
  const std::string descr = header.substr(at + 1, end - at - 1);
  bool known = false;
  for (const Descr& d : kDescrs) {
    if (descr == d.text) {
      array.dtype = d.dtype;
      known = true;
    }
  }
  if (!known) return path + ": .npy dtype '" + descr + "' is not supported";
  at = value_of(header, "fortran_order");
  if (at != std::string::npos && header.compare(at, 4, "True") == 0) {
    return path + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray";
  }
  at = value_of(header, "shape");
  const size_t close = at == std::string::npos ? at : header.find(')', at);
  if (at == std::string::npos || header[at] != '(' || close == std::string::npos) {
    return path + ": the .npy header has no shape";
  }
  uint64_t count = 1;
  for (size_t i = at + 1; i < close;) {
    if (header[i] < '0' || header[i] > '9') {
      ++i;
      continue;
    }
    uint64_t dim = 0;
    for (; i < close && header[i] >= '0' && header[i] <= '9'; ++i) {
      if (dim > (uint64_t{1} << 40)) return path + ": a .npy dimension is absurdly large";
      dim = dim * 10 + static_cast<uint64_t>(header[i] - '0');
    }
    if (dim > (uint64_t{1} << 40)) return path + ": a .npy dimension is absurdly large";
    array.shape.push_back(static_cast<int64_t>(dim));
    count = dim == 0 || count == 0 ? 0 : count * dim;
    if (count > (uint64_t{1} << 40)) return path + ": the .npy array is absurdly large";
  }
  const size_t bytes = static_cast<size_t>(count) * dtype_size(array.dtype);
  array.bytes.resize(bytes);
  in.read(reinterpret_cast<char*>(array.bytes.data()), static_cast<std::streamsize>(bytes));
  if (static_cast<size_t>(in.gcount()) != bytes) {
    std::string shape;
    for (size_t i = 0; i < array.shape.size(); ++i) shape += (i ? "," : "") + std::to_string(array.shape[i]);
    return path + ": holds fewer bytes than its shape [" + shape + "] needs";
  }
  *out = std::move(array);
  return "";
}

}  // namespace

std::string read(const std::string& path, Array* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot be opened";
  return read_stream(in, path, out);
}

std::string parse(const std::string& bytes, const std::string& label, Array* out) {
  std::istringstream in(bytes, std::ios::binary);
  return read_stream(in, label, out);
}

std::string file_bytes(DType dtype, const int64_t* dims, size_t rank, const void* data, size_t size) {
  std::string shape;
  for (size_t i = 0; i < rank; ++i) shape += std::to_string(dims[i]) + ",";
  if (rank > 1) shape.pop_back();
  std::string header = std::string("{'descr': '") + descr_of(dtype) + "', 'fortran_order': False, 'shape': (" + shape + "), }";
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
  if (size > 0) out.append(static_cast<const char*>(data), size);
  return out;
}

}  // namespace ingot::rt::npy
