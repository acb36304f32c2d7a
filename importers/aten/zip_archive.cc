#include "importers/aten/zip_archive.h"

#include <zip.h>

#include <filesystem>

#include <fmt/format.h>

namespace ingot::aten {
namespace {

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// The first path component when every name has one and they all agree.
std::string common_root(const std::vector<std::string>& names) {
  std::string root;
  for (const std::string& name : names) {
    size_t slash = name.find('/');
    if (slash == std::string::npos || slash == 0) return "";
    std::string first = name.substr(0, slash);
    if (root.empty()) root = first;
    if (first != root) return "";
  }
  return root;
}

}  // namespace

void ZipArchive::Closer::operator()(zip* handle) const {
  if (handle != nullptr) zip_discard(handle);
}

ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return Status::invalid(path + ": is a directory, not a model file");
  // libzip reads an empty file as an empty archive; it is a broken download.
  if (std::filesystem::exists(path, error) && std::filesystem::file_size(path, error) == 0 && !error) {
    return Status::invalid(path + ": the file is empty, not a zip archive");
  }
  int code = 0;
  zip* handle = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (handle == nullptr) {
    if (code == ZIP_ER_NOENT) return Status::invalid(path + ": no such file");
    return Status::invalid(fmt::format("{}: not a readable zip archive, so not a .pt2 file ({})", path,
                                       zip_error_text(code)));
  }
  return finish_open(handle, path, nullptr);
}

Result<ZipArchive> ZipArchive::open_memory(std::vector<uint8_t> bytes, std::string label) {
  if (bytes.empty()) return Status::invalid(label + ": not a readable zip archive (it is empty)");
  auto owned = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(owned->data(), owned->size(), 0, &error);
  if (source == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::invalid(fmt::format("{}: cannot be read as a zip archive ({})", label, text));
  }
  zip* handle = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (handle == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return Status::invalid(fmt::format("{}: not a readable zip archive ({})", label, text));
  }
  zip_error_fini(&error);
  return finish_open(handle, std::move(label), std::move(owned));
}

Result<ZipArchive> ZipArchive::finish_open(zip* handle, std::string label, std::shared_ptr<std::vector<uint8_t>> bytes) {
  ZipArchive archive;
  archive.handle_.reset(handle);
  archive.bytes_ = std::move(bytes);
  archive.label_ = std::move(label);
  zip_int64_t count = zip_get_num_entries(handle, 0);
  if (count < 0 || static_cast<uint64_t>(count) > kMaxZipEntries) {
    return Status::invalid(fmt::format("{}: the archive claims {} entries", archive.label_, count));
  }
  std::vector<std::string> names;
  std::vector<Entry> entries;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(handle, static_cast<zip_uint64_t>(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME) ||
        !(stat.valid & ZIP_STAT_SIZE)) {
      return Status::invalid(fmt::format("{}: entry {} cannot be read ({})", archive.label_, i,
                                         zip_error_strerror(zip_get_error(handle))));
    }
    std::string name = stat.name;
    if (!name.empty() && name.back() == '/') continue;  // a folder record
    names.push_back(name);
    uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : stat.size;
    entries.push_back({static_cast<uint64_t>(i), stat.size, compressed});
  }
  archive.root_ = common_root(names);
  const size_t strip = archive.root_.empty() ? 0 : archive.root_.size() + 1;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!archive.entries_.emplace(names[i].substr(strip), entries[i]).second) {
      return Status::invalid(fmt::format("{}: entry '{}' appears twice", archive.label_, names[i]));
    }
  }
  return archive;
}

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> result;
  for (const auto& [name, entry] : entries_) result.push_back(name);
  return result;
}

Result<uint64_t> ZipArchive::size_of(std::string_view name) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) return Status::invalid(fmt::format("{}: has no entry '{}'", label_, name));
  return it->second.size;
}

Result<std::vector<uint8_t>> ZipArchive::read(std::string_view name, uint64_t max_bytes) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) return Status::invalid(fmt::format("{}: has no entry '{}'", label_, name));
  const uint64_t size = it->second.size;
  if (size > max_bytes) {
    return Status::invalid(fmt::format("{}: entry '{}' holds {} bytes, more than the {} allowed", label_, name, size, max_bytes));
  }
  // Deflate cannot expand more than ~1032x; a larger claim is a zip bomb
  // or a damaged header, refused before anything is allocated.
  if (size > it->second.compressed_size * 1032 + 4096) {
    return Status::invalid(fmt::format("{}: entry '{}' claims {} bytes from {} compressed ones", label_, name, size,
                                       it->second.compressed_size));
  }
  zip_file_t* file = zip_fopen_index(handle_.get(), it->second.index, 0);
  if (file == nullptr) {
    return Status::invalid(fmt::format("{}: entry '{}' cannot be opened ({})", label_, name,
                                       zip_error_strerror(zip_get_error(handle_.get()))));
  }
  std::vector<uint8_t> data(size);
  uint64_t done = 0;
  Status status;
  while (done < size) {
    zip_int64_t got = zip_fread(file, data.data() + done, size - done);
    if (got <= 0) {
      status = Status::invalid(fmt::format("{}: entry '{}' is truncated or damaged ({})", label_, name,
                                           got < 0 ? zip_error_strerror(zip_file_get_error(file)) : "ends early"));
      break;
    }
    done += static_cast<uint64_t>(got);
  }
  // Reading past the end checks the CRC of the whole entry.
  if (status.ok()) {
    uint8_t extra;
    if (zip_fread(file, &extra, 1) != 0) {
      status = Status::invalid(fmt::format("{}: entry '{}' is damaged ({})", label_, name,
                                           zip_error_strerror(zip_file_get_error(file))));
    }
  }
  zip_fclose(file);
  if (!status.ok()) return status;
  return data;
}

Result<std::string> ZipArchive::read_text(std::string_view name, uint64_t max_bytes) const {
  INGOT_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, read(name, max_bytes));
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace ingot::aten
