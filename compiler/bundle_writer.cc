#include "compiler/bundle_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace ingot {
namespace fs = std::filesystem;
namespace {

// Writes and flushes to disk, so that a crash of the machine after the swap
// cannot leave a renamed but empty file.
Status write_file(const fs::path& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::invalid(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const int saved = errno;
  const bool ok = written == content.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::invalid(fmt::format("cannot write '{}': {}", path.string(), std::strerror(saved ? saved : errno)));
  return {};
}

// Makes a rename or a new entry in `dir` durable.
void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::string temporary_sibling(const fs::path& path, const char* tag) {
  return (path.parent_path() / fmt::format(".{}.{}-{}", path.filename().string(), tag, ::getpid())).string();
}

// Removes the staging folders that killed compiles of `target` left beside
// it (".NAME.new-PID" whose process is gone); a live compile's is kept.
void remove_stale_staging(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".new-";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (pid <= 0 || *end != '\0' || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
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
  // "out/" names the folder "out", not an entry inside it.
  fs::path target = fs::absolute(dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::error_code error;
  if (fs::exists(target, error) && !fs::is_directory(target, error)) {
    return Status::usage(fmt::format("'{}' exists and is not a directory", dir));
  }
  fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, error)) return Status::usage(fmt::format("the folder of '{}' does not exist", dir));
  remove_stale_staging(target);
  fs::path staging = temporary_sibling(target, "new");
  fs::remove_all(staging, error);
  if (!fs::create_directory(staging, error)) {
    return Status::invalid(fmt::format("cannot create '{}': {}", staging.string(), error.message()));
  }
  for (const auto& [name, content] : files) {
    // A name may hold folders ("runtime/src/program.cc").
    if (fs::path(name).has_parent_path()) fs::create_directories((staging / name).parent_path(), error);
    Status status = write_file(staging / name, content);
    if (!status.ok()) {
      fs::remove_all(staging, error);
      return status;
    }
  }
  sync_directory(staging);
  // Swap atomically with an existing bundle; else a plain rename.
  if (fs::exists(target, error)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      int saved = errno;
      fs::remove_all(staging, error);
      return Status::invalid(fmt::format("cannot replace '{}': {}", dir, std::strerror(saved)));
    }
    sync_directory(parent);
    fs::remove_all(staging, error);  // now holds the previous bundle
    return {};
  }
  if (std::rename(staging.c_str(), target.c_str()) != 0) {
    int saved = errno;
    fs::remove_all(staging, error);
    return Status::invalid(fmt::format("cannot create '{}': {}", dir, std::strerror(saved)));
  }
  sync_directory(parent);
  return {};
}

}  // namespace ingot
