// `ingot run --profile`: the time of every instruction over a number of runs,
// and what users read from it: the time per kernel (which kernels a model
// spends its time in) and the slowest nodes, as a table or JSON.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingot/runtime.h"

namespace ingot {

class InstructionProfiler : public rt::RunObserver {
 public:
  explicit InstructionProfiler(size_t instructions) : total_ns_(instructions, 0.0) {}

  void before(size_t) override { start_ = std::chrono::steady_clock::now(); }
  void after(size_t instruction) override {
    total_ns_[instruction] += std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start_).count();
  }

  // Nanoseconds spent in each instruction, summed over every observed run.
  const std::vector<double>& total_ns() const { return total_ns_; }

 private:
  std::vector<double> total_ns_;
  std::chrono::steady_clock::time_point start_;
};

// The profile of `runs` observed runs of `program`: "kernels" (per kernel:
// nodes, ms per run, share of the run) and the `top` slowest "nodes".
nlohmann::ordered_json profile_json(const rt::Program& program, const InstructionProfiler& profiler, int runs, size_t top);

// The same as two readable tables.
std::string profile_table(const nlohmann::ordered_json& profile);

}  // namespace ingot
