// Which object files a linked binary's bytes came from: each sized symbol
// of the binary is given to the owner of the object files that define a
// symbol of that name (several owners: shared; none: the C and C++
// libraries, start-up code). Read with LLVM's Object library; ELF.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/status.h"

namespace ingot {

struct ObjectOwner {
  std::string object;  // an object file that went into the binary
  std::string owner;   // "core", "conv.depthwise.f32.neon", ...
};

struct Attribution {
  std::map<std::string, uint64_t> bytes;  // by owner
  // Symbols that objects of several owners define, by the set of owners.
  std::map<std::set<std::string>, uint64_t> shared;
  uint64_t unowned = 0;                   // symbols no listed object defines
};

// Bytes of symbols in sections that take file space (not .bss).
Result<Attribution> attribute_symbols(const std::string& binary, const std::vector<ObjectOwner>& objects);

}  // namespace ingot
