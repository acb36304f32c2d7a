#include "passes/common_subexpressions.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

namespace ingot {
namespace {

int64_t merge_duplicate_constants(Graph& graph) {
  // Bucketed by type and a hash of the bytes, then compared byte for byte;
  // the first constant in graph order is kept.
  std::map<std::tuple<DType, Shape, size_t>, std::vector<Value*>> buckets;
  int64_t merged = 0;
  for (Value* constant : graph.constants()) {
    if (constant->type().quant) continue;  // keep quantized weights as they are
    const std::vector<uint8_t>& bytes = *constant->constant();
    const size_t hash = std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    std::vector<Value*>& bucket = buckets[{constant->type().dtype, constant->type().shape, hash}];
    auto same = std::find_if(bucket.begin(), bucket.end(), [&](const Value* v) { return *v->constant() == bytes; });
    if (same == bucket.end()) {
      bucket.push_back(constant);
    } else if (graph.can_replace(constant, *same)) {
      graph.replace_all_uses(constant, *same);
      ++merged;
    }
  }
  return merged;
}

}  // namespace

int64_t merge_common_subexpressions(Graph& graph) {
  int64_t merged = merge_duplicate_constants(graph);
  using Key = std::tuple<OpKind, std::vector<Value*>, AttrMap, std::vector<std::string>>;
  std::map<Key, Node*> seen;
  for (Node* node : graph.nodes()) {
    if (node->op() == OpKind::unmapped) continue;
    std::vector<std::string> types;
    for (const Value* output : node->outputs()) types.push_back(type_to_string(output->type()));
    auto [it, inserted] = seen.emplace(Key{node->op(), node->inputs(), node->attrs(), std::move(types)}, node);
    if (inserted) continue;
    const Node* kept = it->second;
    bool replaceable = true;
    for (size_t i = 0; i < node->outputs().size(); ++i) {
      replaceable = replaceable && graph.can_replace(node->output(i), kept->output(i));
    }
    if (!replaceable) continue;
    for (size_t i = 0; i < node->outputs().size(); ++i) graph.replace_all_uses(node->output(i), kept->output(i));
    ++merged;
  }
  return merged;
}

}  // namespace ingot
