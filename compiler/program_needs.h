// What a compiled program needs of a runtime, read from its file without
// running it (`ingot ops` on programs, `ingot check`): the format version,
// the target and CPU features, and each kernel it calls with the dtypes of
// the operands it calls it with. Only the FlatBuffer verifier's checks are
// made; loading checks the rest.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/dtype.h"
#include "ir/status.h"

namespace ingot {

struct ProgramKernelUse {
  std::string name;                    // "conv.depthwise.f32.avx512"
  std::set<DType> dtypes;              // of the operands of its instructions
  std::set<std::string> source_ops;    // the model's ops behind those instructions
  int64_t instructions = 0;
};

struct ProgramNeeds {
  std::string file;
  uint32_t format_version = 0;  // MAJOR * 1000 + MINOR
  std::string target;
  std::vector<std::string> required_features;
  std::vector<ProgramKernelUse> kernels;       // in the program's kernel table order
  std::map<DType, std::string> tensor_dtypes;  // every dtype, with the name of one tensor of it
};

// `data` holds a whole program file; `file` names it in messages.
Result<ProgramNeeds> program_needs(const uint8_t* data, size_t size, const std::string& file);

// A program file, or the model.ingot of a bundle directory.
Result<ProgramNeeds> read_program_needs(const std::string& path);

// Whether `path` names a compiled program (a bundle folder or a file that
// starts like one) rather than a model.
bool is_program_path(const std::string& path);

}  // namespace ingot
