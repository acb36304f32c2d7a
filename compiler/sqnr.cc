#include "compiler/sqnr.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ingot {

void SignalNoise::add(const uint8_t* reference, const uint8_t* test, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    float r, q;
    std::memcpy(&r, reference + 4 * i, 4);
    std::memcpy(&q, test + 4 * i, 4);
    signal += static_cast<double>(r) * r;
    noise += (static_cast<double>(r) - q) * (static_cast<double>(r) - q);
  }
}

double SignalNoise::db() const {
  if (noise <= 0) return 200.0;
  return 10.0 * std::log10(std::max(signal, 1e-300) / noise);
}

}  // namespace ingot
