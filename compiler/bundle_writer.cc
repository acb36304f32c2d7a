#include "compiler/bundle_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace ingot {
namespace fs = std::filesystem;
namespace {

Status write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return Status::invalid(fmt::format("cannot write '{}'", path.string()));
  return {};
}

std::string temporary_sibling(const fs::path& path, const char* tag) {
  return (path.parent_path() / fmt::format(".{}.{}-{}", path.filename().string(), tag, ::getpid())).string();
}

}  // namespace

Status write_file_atomically(const std::string& path, const std::string& content) {
  std::string temporary = temporary_sibling(fs::absolute(path), "tmp");
  INGOT_RETURN_IF_ERROR(write_file(temporary, content));
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return Status::invalid(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  return {};
}

Status write_bundle(const std::string& dir, const std::map<std::string, std::string>& files) {
  fs::path target = fs::absolute(dir);
  std::error_code error;
  if (fs::exists(target, error) && !fs::is_directory(target, error)) {
    return Status::usage(fmt::format("'{}' exists and is not a directory", dir));
  }
  fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, error)) return Status::usage(fmt::format("the folder of '{}' does not exist", dir));
  fs::path staging = temporary_sibling(target, "new");
  fs::remove_all(staging, error);
  if (!fs::create_directory(staging, error)) {
    return Status::invalid(fmt::format("cannot create '{}': {}", staging.string(), error.message()));
  }
  for (const auto& [name, content] : files) {
    Status status = write_file(staging / name, content);
    if (!status.ok()) {
      fs::remove_all(staging, error);
      return status;
    }
  }
  // Swap atomically with an existing bundle; else a plain rename.
  if (fs::exists(target, error)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      int saved = errno;
      fs::remove_all(staging, error);
      return Status::invalid(fmt::format("cannot replace '{}': {}", dir, std::strerror(saved)));
    }
    fs::remove_all(staging, error);  // now holds the previous bundle
    return {};
  }
  if (std::rename(staging.c_str(), target.c_str()) != 0) {
    int saved = errno;
    fs::remove_all(staging, error);
    return Status::invalid(fmt::format("cannot create '{}': {}", dir, std::strerror(saved)));
  }
  return {};
}

}  // namespace ingot
