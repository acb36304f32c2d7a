#include "passes/qdq_patterns.h"

#include <cmath>

#include "passes/rewrite.h"

namespace ingot {
namespace {

bool is_8bit(DType dtype) { return dtype == DType::u8 || dtype == DType::i8; }

// Scale and zero point operands 1 and 2 of a quantize or dequantize node, as
// constants with positive finite scales; the zero point defaults to 0.
bool constant_params(const Node& node, std::vector<double>* scales, std::vector<int64_t>* zero_points) {
  std::optional<std::vector<double>> s = constant_values(node.input(1));
  if (!s || s->empty()) return false;
  for (double v : *s) {
    if (!std::isfinite(v) || v <= 0) return false;
  }
  zero_points->assign(s->size(), 0);
  if (const Value* zp = node.input(2)) {
    std::optional<std::vector<double>> z = constant_values(zp);
    if (!z || z->size() != s->size()) return false;
    for (size_t i = 0; i < z->size(); ++i) (*zero_points)[i] = static_cast<int64_t>((*z)[i]);
  }
  *scales = std::move(*s);
  return true;
}

}  // namespace

std::optional<Dequantized> dequantized(const Value* value, bool allow_i32) {
  const Node* node = value != nullptr ? value->producer() : nullptr;
  if (node == nullptr || node->op() != OpKind::dequantize) return std::nullopt;
  Dequantized d;
  d.q = node->input(0);
  const DType dtype = d.q->type().dtype;
  if (!is_8bit(dtype) && !(allow_i32 && dtype == DType::i32)) return std::nullopt;
  if (!constant_params(*node, &d.scales, &d.zero_points)) return std::nullopt;
  d.axis = node->attr_i("axis");
  return d;
}

std::optional<TensorQuant> quantize_params(const Node& quantize) {
  if (quantize.op() != OpKind::quantize || !is_8bit(quantize.output(0)->type().dtype)) return std::nullopt;
  std::vector<double> scales;
  std::vector<int64_t> zero_points;
  if (!constant_params(quantize, &scales, &zero_points) || scales.size() != 1) return std::nullopt;
  return TensorQuant{scales[0], zero_points[0], quantize.output(0)->type().dtype};
}

bool dequantizes_constant(const Node& node) {
  if (node.op() != OpKind::dequantize || !node.input(0)->is_constant()) return false;
  const DType dtype = node.input(0)->type().dtype;
  return is_8bit(dtype) || dtype == DType::i32;
}

}  // namespace ingot
