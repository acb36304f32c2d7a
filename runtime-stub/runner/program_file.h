// What both runners (`ingot run` and ingot-run) need around the runtime: the
// program file mapped into memory, and an arena. Plain C++17 and POSIX.
//
// The file is mapped read-only rather than read: the runtime uses the
// constants where they lie (Program::load copies nothing), so start-up costs
// no copy of the weights and pages that no kernel touches are never read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ingot::runner {

class ProgramFile {
 public:
  ProgramFile() = default;
  ~ProgramFile();
  ProgramFile(const ProgramFile&) = delete;
  ProgramFile& operator=(const ProgramFile&) = delete;

  // Maps PATH, or PATH/model.ingot when PATH is a bundle folder. Returns ""
  // or a message naming the file.
  std::string open(const std::string& path);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// The arena a program runs in: at least `size` bytes, aligned for the
// runtime (kAlignment), or null when there is not enough memory. Not
// cleared: a program writes every byte before it reads it. On Linux it asks
// for transparent huge pages, so that a few faults rather than thousands
// bring it in on the first run, and the kernels' walks over it miss the TLB
// less.
class Arena {
 public:
  explicit Arena(size_t size);
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  uint8_t* get() const { return data_; }
  explicit operator bool() const { return data_ != nullptr; }

 private:
  uint8_t* data_ = nullptr;
  size_t mapped_ = 0;
};

}  // namespace ingot::runner
