// Read-only access to the zip archives that torch writes: a .pt2 file and the
// torch.save archives nested inside older ones. libzip (Debian's libzip-dev)
// does the parsing: it checks the central directory against the local headers
// (ZIP_CHECKCONS) and every entry's CRC, so a truncated or damaged archive is
// refused rather than half read.
//
// torch puts every entry under one root folder ("archive/", "linear_3/"); the
// reader strips a root folder that all entries share, so callers ask for
// "data.pkl" or "models/model.json" whatever the folder was called.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ir/status.h"

struct zip;

namespace ingot::aten {

// Bounds on what an archive may hold; larger is a broken or hostile file.
inline constexpr uint64_t kMaxZipEntries = uint64_t{1} << 20;
inline constexpr uint64_t kMaxEntryBytes = uint64_t{16} << 30;

class ZipArchive {
 public:
  // `label` names the archive in messages ("model.pt2", "model.pt2:serialized_state_dict.pt").
  static Result<ZipArchive> open_file(const std::string& path);
  static Result<ZipArchive> open_memory(std::vector<uint8_t> bytes, std::string label);

  ZipArchive(ZipArchive&&) noexcept = default;
  ZipArchive& operator=(ZipArchive&&) noexcept = default;
  ~ZipArchive();

  const std::string& label() const { return label_; }
  // The common root folder that was stripped ("" if none), without the slash.
  const std::string& root() const { return root_; }
  // Entry names without the root folder, sorted.
  std::vector<std::string> names() const;
  bool contains(std::string_view name) const { return entries_.find(name) != entries_.end(); }
  // Uncompressed size of an entry, or an error naming it when absent.
  Result<uint64_t> size_of(std::string_view name) const;
  // The whole entry; an error when absent, larger than `max_bytes`, or damaged.
  Result<std::vector<uint8_t>> read(std::string_view name, uint64_t max_bytes = kMaxEntryBytes) const;
  Result<std::string> read_text(std::string_view name, uint64_t max_bytes) const;

 private:
  struct Entry {
    uint64_t index;
    uint64_t size;
    uint64_t compressed_size;
  };
  ZipArchive() = default;
  static Result<ZipArchive> finish_open(zip* handle, std::string label, std::shared_ptr<std::vector<uint8_t>> bytes);

  struct Closer {
    void operator()(zip* handle) const;
  };
  std::unique_ptr<zip, Closer> handle_;
  std::shared_ptr<std::vector<uint8_t>> bytes_;  // the buffer an in-memory archive reads from
  std::string label_;
  std::string root_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace ingot::aten
