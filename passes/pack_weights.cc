#include "passes/pack_weights.h"

#include <cstring>
#include <map>
#include <utility>

#include "kernels/simd/pack_f32.h"
#include "kernels/simd/winograd_f32.h"

namespace ingot {
namespace {

// Winograd F(4x4, 3x3)'s transformed weights (winograd_f32.h) of w [K, C,
// 3, 3]: a new constant [K, C, 6, 6], four times the original's bytes, in
// the GEMMs' panels of the packing's rows ("wino6mr12").
Value* winograd_weights(Graph& graph, const Value& w, const std::string& packing) {
  const Shape& shape = w.type().shape;
  const int64_t rows = rt::simd::wino_packed_rows(packing.c_str());
  std::vector<float> floats(static_cast<size_t>(num_elements(shape)));
  std::memcpy(floats.data(), w.constant()->data(), floats.size() * sizeof(float));
  TensorType type = w.type();
  type.shape = {shape[0], shape[1], rt::simd::kWinoTile, rt::simd::kWinoTile};
  auto bytes = std::make_shared<std::vector<uint8_t>>(static_cast<size_t>(num_elements(type.shape)) * sizeof(float));
  rt::simd::winograd_transform_weights(floats.data(), shape[0], shape[1], rows, reinterpret_cast<float*>(bytes->data()));
  return graph.add_constant(w.name() + "_" + packing, type, std::move(bytes));
}

}  // namespace

int64_t pack_weights(Graph& graph, const KernelTable& kernels) {
  int64_t packed = 0;
  // A constant shared by several nodes of one packing is packed once.
  std::map<std::pair<const Value*, std::string>, Value*> done;
  for (Node* node : graph.nodes()) {
    if (node->op() != OpKind::conv && node->op() != OpKind::matmul && node->op() != OpKind::gemm &&
        node->op() != OpKind::expand_depthwise) {
      continue;
    }
    const std::string packing = kernels.packing(*node);
    if (packing.size() < 3) continue;
    const Value* w = node->input(1);
    Value*& packed_w = done[{w, packing}];
    if (packed_w == nullptr && packing.starts_with(rt::simd::kWinoPrefix)) {
      packed_w = winograd_weights(graph, *w, packing);
    } else if (packed_w == nullptr) {
      const int64_t count = std::stoll(packing.substr(2));
      const Shape& shape = w->type().shape;
      std::vector<float> floats(static_cast<size_t>(num_elements(shape)));
      std::memcpy(floats.data(), w->constant()->data(), floats.size() * sizeof(float));
      auto bytes = std::make_shared<std::vector<uint8_t>>(w->constant()->size());
      float* out = reinterpret_cast<float*>(bytes->data());
      if (packing[0] == 'm') {  // conv weights [M, C/group, k...]: row panels per group
        const int64_t group = node->attr_i("group", 1);
        rt::simd::pack_conv_weights(floats.data(), group, shape[0] / group, num_elements(shape) / shape[0], count, out);
      } else {  // matmul, gemm b [K, N], expand_depthwise's w_expand [C, E]: column panels
        rt::simd::pack_b_panels(floats.data(), shape[0], shape[1], count, out);
      }
      packed_w = graph.add_constant(w->name() + "_" + packing, w->type(), std::move(bytes));
    }
    node->set_input(1, packed_w);
    node->mutable_attrs()["packed"] = packing;
    ++packed;
  }
  graph.erase_unused_constants();
  return packed;
}

namespace {

Status run_pack_weights(Graph& graph, PassContext& context) {
  if (context.kernels == nullptr) return Status::internal("pack-weights needs the target's kernel table");
  context.count("weights packed", pack_weights(graph, *context.kernels));
  return {};
}

}  // namespace

Pass pack_weights_pass() {
  return {"pack-weights", "constant conv, matmul and gemm weights into the panels of the target's GEMM kernel (attribute packed)",
          run_pack_weights};
}

}  // namespace ingot
