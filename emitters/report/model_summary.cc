#include "emitters/report/model_summary.h"

#include "ir/conv_kernel.h"

namespace ingot {

int64_t node_macs(const Node& node) {
  auto out_elements = [&] { return num_elements(node.output(0)->type().shape); };
  switch (node.op()) {
    case OpKind::conv:
    case OpKind::qconv: {
      // Each output element reads (C_in / group) * prod(kernel) weights
      // (the direct convolution's count, also for Winograd's transformed weights).
      const Shape& weight = node.input(1)->type().shape;
      int64_t per_output = weight.size() > 1 ? weight[1] : 1;
      for (size_t i = 2; i < weight.size(); ++i) per_output *= conv_kernel_dim(node, i - 2);
      return out_elements() * per_output;
    }
    case OpKind::expand_depthwise: {
      // The expand's C MACs per expanded element, then the depthwise's taps per output.
      const Shape& x = node.input(0)->type().shape;
      const Shape& w_expand = node.input(1)->type().shape;
      const Shape& w = node.input(3)->type().shape;
      if (x.size() != 4 || w_expand.size() != 2 || w.size() != 4) return 0;
      return x[0] * x[2] * x[3] * w_expand[0] * w_expand[1] + out_elements() * w[2] * w[3];
    }
    case OpKind::conv_transpose: {
      // Each input element is scattered through (C_out / group) * prod(kernel).
      const Shape& weight = node.input(1)->type().shape;
      int64_t per_input = 1;
      for (size_t i = 1; i < weight.size(); ++i) per_input *= weight[i];
      return num_elements(node.input(0)->type().shape) * per_input;
    }
    case OpKind::matmul:
    case OpKind::qmatmul:
    case OpKind::gemm: {
      // Reduction length: a's last dim, or its first when gemm transposes a.
      const Shape& a = node.input(0)->type().shape;
      if (a.empty()) return 0;
      int64_t k = node.op() == OpKind::gemm && node.attr_i("trans_a") ? a.front() : a.back();
      return out_elements() * k;
    }
    default: return 0;
  }
}

ModelSummary summarize(const std::string& path, const ImportResult& model) {
  ModelSummary summary;
  summary.path = path;
  summary.format = model.format;
  summary.opset = model.opset;
  summary.producer = model.producer;
  for (const Value* input : model.graph.inputs()) summary.inputs.push_back({input->name(), input->type()});
  for (const Value* output : model.graph.outputs()) summary.outputs.push_back({output->name(), output->type()});
  summary.source_ops = model.source_op_histogram;
  for (const auto& [op, count] : summary.source_ops) summary.source_nodes += count;
  for (const Node* node : model.graph.nodes()) {
    ++summary.core_ops[std::string(op_name(node->op()))];
    ++summary.core_nodes;
    summary.macs += node_macs(*node);
    if (node->op() != OpKind::unmapped) ++summary.core_ops_by_source[node->source_op()][std::string(op_name(node->op()))];
  }
  for (const Value* constant : model.graph.constants()) {
    summary.parameters += num_elements(constant->type().shape);
    summary.parameter_bytes += byte_size(constant->type());
  }
  summary.unmapped = model.unmapped;
  summary.warnings = model.warnings;
  return summary;
}

}  // namespace ingot
