// Signal-to-quantization-noise ratio of f32 tensors against a reference:
// 10 log10(sum reference^2 / sum (reference - test)^2), summed over every
// element of every sample before the ratio is taken. What the quantization
// report gives per layer and per output (compiler/quantize_static.cc,
// compiler/program_accuracy.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ingot {

struct SignalNoise {
  double signal = 0, noise = 0;

  // Adds n f32 values (raw bytes, unaligned is fine) of the reference and the test.
  void add(const uint8_t* reference, const uint8_t* test, size_t n);
  // In dB; an exact match is 200 (JSON has no infinity).
  double db() const;
};

}  // namespace ingot
