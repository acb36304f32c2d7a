#include "runner/program_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingot/runtime.h"

namespace ingot::runner {

ProgramFile::~ProgramFile() {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
}

std::string ProgramFile::open(const std::string& path) {
  struct stat info {};
  file_ = stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode) ? path + "/model.ingot" : path;
  const int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return file_ + ": cannot be opened (" + std::strerror(errno) + ")";
  std::string error;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    error = file_ + ": not a regular file";
  } else if (info.st_size > 0) {
    // An empty file maps nothing; Program::load then says it is no program.
    // MAP_POPULATE maps every page now, in one batch, rather than one fault
    // at a time in the first run: start-up takes a little longer for large
    // weights (about 1.5 ms for 14 MB here) and the first run is as fast as
    // the next ones.
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;
#endif
    void* mapped = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, flags, fd, 0);
    if (mapped == MAP_FAILED) {
      error = file_ + ": cannot be mapped (" + std::strerror(errno) + ")";
    } else {
      data_ = static_cast<const uint8_t*>(mapped);
      size_ = static_cast<size_t>(info.st_size);
    }
  }
  close(fd);
  return error;
}

Arena::Arena(size_t size) {
  // Huge pages come only in whole, aligned 2 MiB units: a larger arena is
  // rounded up to them (the rest of the last unit is never touched).
  constexpr size_t kHugePage = size_t{2} << 20;
  const size_t rounded = std::max(rt::kAlignment, (size + rt::kAlignment - 1) / rt::kAlignment * rt::kAlignment);
  const size_t mapped = rounded >= kHugePage ? (rounded + kHugePage - 1) / kHugePage * kHugePage : rounded;
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
#ifdef MADV_HUGEPAGE
  if (mapped >= kHugePage) madvise(p, mapped, MADV_HUGEPAGE);  // advice only: failure changes nothing
#endif
  data_ = static_cast<uint8_t*>(p);
  mapped_ = mapped;
}

Arena::~Arena() {
  if (data_ != nullptr) munmap(data_, mapped_);
}

}  // namespace ingot::runner
