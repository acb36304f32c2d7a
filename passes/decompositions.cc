#include "passes/decompositions.h"

namespace ingot {

const std::vector<Decomposition>& decompositions() {
  static const std::vector<Decomposition> all = [] {
    std::vector<Decomposition> rules;
    for (auto family : {activation_decompositions, norm_decompositions, linalg_decompositions}) {
      for (const Decomposition& rule : family()) rules.push_back(rule);
    }
    return rules;
  }();
  return all;
}

}  // namespace ingot
