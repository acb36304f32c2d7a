// Helpers for the ATen importer tests: a minimal writer of stored zip
// archives (what torch writes), pickle byte strings, and temp files.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace ingot::testing {

inline uint32_t crc32(const std::string& data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

// A zip of stored entries, in order.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, central;
  auto u16 = [](std::string& s, uint32_t v) { s += char(v & 0xFF); s += char((v >> 8) & 0xFF); };
  auto u32 = [&](std::string& s, uint32_t v) { u16(s, v & 0xFFFF); u16(s, v >> 16); };
  for (const auto& [name, data] : entries) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = crc32(data);
    u32(out, 0x04034b50); u16(out, 20); u16(out, 0); u16(out, 0); u16(out, 0); u16(out, 0x21);
    u32(out, crc); u32(out, data.size()); u32(out, data.size()); u16(out, name.size()); u16(out, 0);
    out += name + data;
    u32(central, 0x02014b50); u16(central, 20); u16(central, 20); u16(central, 0); u16(central, 0); u16(central, 0);
    u16(central, 0x21); u32(central, crc); u32(central, data.size()); u32(central, data.size());
    u16(central, name.size()); u16(central, 0); u16(central, 0); u16(central, 0); u16(central, 0); u32(central, 0);
    u32(central, offset);
    central += name;
  }
  const uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50); u16(out, 0); u16(out, 0); u16(out, entries.size()); u16(out, entries.size());
  u32(out, central.size()); u32(out, central_offset); u16(out, 0);
  return out;
}

inline std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

// Pickle pieces (protocol 2).
inline std::string pickle_string(const std::string& s) {
  std::string out = "X";
  for (int i = 0; i < 4; ++i) out += char((s.size() >> (8 * i)) & 0xFF);
  return out + s;
}
inline std::string pickle_int(uint8_t v) { return std::string("K") + char(v); }

// A state dict pickle {name: tensor} with tensors rebuilt from storage `key`
// as torch.save writes them: f32 storage of `numel`, size / stride tuples of
// one or two small ints.
inline std::string tensor_pickle(const std::string& key, uint8_t numel, uint8_t offset, std::vector<uint8_t> sizes,
                                 std::vector<uint8_t> strides, const std::string& storage_class = "FloatStorage",
                                 const std::string& rebuild = "_rebuild_tensor_v2") {
  auto tuple = [](const std::vector<uint8_t>& values) {
    std::string out = "(";
    for (uint8_t v : values) out += pickle_int(v);
    return out + "t";
  };
  std::string p = "ctorch._utils\n" + rebuild + "\n(";
  p += "(" + pickle_string("storage") + "ctorch\n" + storage_class + "\n" + pickle_string(key) + pickle_string("cpu") +
       pickle_int(numel) + "tQ";
  p += pickle_int(offset) + tuple(sizes) + tuple(strides) + "\x89" + "ccollections\nOrderedDict\n)R" + "tR";
  return p;
}

inline std::string dict_pickle(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string p = "\x80\x02}(";
  for (const auto& [name, value] : items) p += pickle_string(name) + value;
  return p + "u.";
}

inline std::string floats(std::initializer_list<float> values) {
  std::string out;
  for (float v : values) out.append(reinterpret_cast<const char*>(&v), sizeof(v));
  return out;
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents, const std::string& suffix = ".pt2") {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ingot-pt2-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix);
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace ingot::testing
