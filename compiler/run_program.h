// `ingot run`: load a compiled program with the runtime, feed it inputs from
// .npy or ONNX TensorProto .pb files, write each output as .npy, and time
// run() when asked.
#pragma once

#include <string>
#include <vector>

#include "ir/status.h"

namespace ingot {

struct RunOptions {
  std::string program;              // model.ingot, or the bundle directory holding it
  std::vector<std::string> inputs;  // NAME=FILE
  std::string output_dir;           // empty: write nothing
  int repeat = 0;                   // timed runs after the first
  int warmup = 0;                   // untimed runs before them
  int threads = 1;                  // the runtime's threads, the caller's included
  bool json = false;
  int profile = 0;                  // with --repeat: the N slowest nodes and the time per kernel (0: no profile)
};

// What to print: the timing line (or JSON), then the profile when asked;
// empty when nothing was timed.
Result<std::string> run_program(const RunOptions& options);

}  // namespace ingot
