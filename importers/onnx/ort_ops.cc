// ONNX Runtime's own ops as its op lists (required_operators.config) name
// them. ingot never imports them: they appear in a list because ORT's graph
// optimizer fused standard ops of the model into them (the list is of the
// optimized graph), so each stands for the standard ops it replaced, and its
// core ops are what ingot's converters declare for those. Sources: the
// fusions of onnxruntime/core/optimizer (ConvActivationFusion,
// GemmActivationFusion, MatMulScaleFusion, GeluFusion, SkipLayerNormFusion,
// the QDQ selector-actions, the NHWC and NCHWc transformers, ...) and
// docs/ContribOperators.md.
#include "importers/onnx/ort_ops.h"

namespace ingot::onnx_import {
namespace {

using Ops = std::vector<std::string_view>;

Ops operator+(Ops a, const Ops& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Conv (ConvActivationFusion; ConvAddActivationFusion adds the Z input),
// the activations FusedConv's `activation` attribute takes.
const Ops kConvActivation = {"Conv", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Clip", "HardSigmoid"};
// Gemm and the activations GemmActivationFusion takes.
const Ops kGemmActivation = {"Gemm", "Elu", "HardSigmoid", "LeakyRelu", "Relu", "Selu",
                             "Sigmoid", "Softplus", "Softsign", "Tanh", "ThresholdedRelu"};
// GeluFusion's pattern: x * 0.5 * (1 + Erf(x / sqrt(2))), and opset 20's Gelu.
const Ops kGelu = {"Div", "Mul", "Erf", "Add", "Gelu"};
// LayerNormFusion's pattern (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt,
// Div, Mul, Add, Casts), or opset 17's LayerNormalization.
const Ops kLayerNorm = {"LayerNormalization", "ReduceMean", "Sub", "Pow", "Add", "Sqrt", "Div", "Mul", "Cast"};
// SimplifiedLayerNormFusion's pattern (RMS norm): Pow, ReduceMean, Add, Sqrt, Div, Mul, Casts.
const Ops kSimplifiedLayerNorm = {"Pow", "ReduceMean", "Add", "Sqrt", "Div", "Mul", "Cast"};
// An op between DequantizeLinear and QuantizeLinear (the QDQ selector-actions).
Ops qdq(std::string_view op) { return {"DequantizeLinear", op, "QuantizeLinear"}; }

}  // namespace

const std::vector<OrtOp>& ort_ops() {
  static const std::vector<OrtOp> ops = {
      // Conv, Gemm and MatMul with what was fused into them.
      {kMicrosoft, "FusedConv", kConvActivation},
      {kMicrosoft, "NhwcFusedConv", kConvActivation},
      {kMicrosoft, "NhwcConv", {"Conv"}},
      {kMicrosoft, "FusedGemm", kGemmActivation},
      {kMicrosoft, "FusedMatMul", {"MatMul", "Transpose", "Mul", "Div"}},  // MatMulScaleFusion, MatmulTransposeFusion
      {kMicrosoft, "TransposeMatMul", {"MatMul", "Transpose"}},          // FusedMatMul's older name
      // GELU and its approximations.
      {kMicrosoft, "Gelu", kGelu},
      {kMicrosoft, "BiasGelu", kGelu},  // Add + Gelu
      {kMicrosoft, "FastGelu", {"Mul", "Pow", "Add", "Tanh", "Gelu"}},  // the tanh form, optional bias
      {kMicrosoft, "QuickGelu", {"Mul", "Sigmoid"}},                    // x * Sigmoid(alpha * x)
      // Normalisation and attention.
      {kMicrosoft, "SkipLayerNormalization", kLayerNorm},  // Add + LayerNormalization
      {kMicrosoft, "SkipSimplifiedLayerNormalization", kSimplifiedLayerNorm},
      {kOnnx, "SimplifiedLayerNormalization", kSimplifiedLayerNorm},  // ORT's, in the standard domain
      {kMicrosoft, "EmbedLayerNormalization", kLayerNorm + Ops{"Gather", "ReduceSum"}},
      {kMicrosoft, "BiasSoftmax", {"Add", "Softmax"}},
      // AttentionFusion: the Q, K, V projections, head reshapes, scaled
      // scores, the mask arithmetic, softmax, and the shape arithmetic.
      {kMicrosoft, "Attention", {"MatMul", "Add", "Reshape", "Transpose", "Div", "Mul", "Softmax", "Unsqueeze",
                                 "Cast", "Sub", "Shape", "Gather", "Concat"}},
      // Quantized forms made from QDQ groups or dynamic quantization.
      {kMicrosoft, "QLinearAdd", qdq("Add")},
      {kMicrosoft, "QLinearMul", qdq("Mul")},
      {kMicrosoft, "QLinearAveragePool", qdq("AveragePool")},
      {kMicrosoft, "QLinearGlobalAveragePool", qdq("GlobalAveragePool")},
      {kMicrosoft, "QLinearConcat", qdq("Concat")},
      {kMicrosoft, "QLinearLeakyRelu", qdq("LeakyRelu")},
      {kMicrosoft, "QLinearSigmoid", qdq("Sigmoid")},
      {kMicrosoft, "QLinearSoftmax", qdq("Softmax")},
      {kMicrosoft, "QLinearWhere", qdq("Where")},
      {kMicrosoft, "QLinearReduceMean", qdq("ReduceMean")},
      {kMicrosoft, "QGemm", qdq("Gemm")},
      {kMicrosoft, "QLinearConv", qdq("Conv") + Ops{"QLinearConv"}},  // the NHWC form of the NhwcTransformer
      {kMicrosoft, "NhwcMaxPool", qdq("MaxPool")},                     // NHWC MaxPool on quantized data
      {kMicrosoft, "QuantizeLinear", {"QuantizeLinear"}},
      {kMicrosoft, "DequantizeLinear", {"DequantizeLinear"}},
      {kMicrosoft, "DynamicQuantizeMatMul", {"DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Add"}},
      {kMicrosoft, "MatMulIntegerToFloat", {"MatMulInteger", "Cast", "Mul", "Add", "DequantizeLinear", "MatMul"}},
      // Older com.microsoft spellings of standard ops.
      {kMicrosoft, "GridSample", {"GridSample"}},
      {kMicrosoft, "Range", {"Range"}},
      {kMicrosoft, "Trilu", {"Trilu"}},
      {kMicrosoft, "GatherND", {"GatherND"}},
      {kMicrosoft, "Pad", {"Pad"}},
      {kMicrosoft, "ExpandDims", {"Unsqueeze"}},
      // The NCHWc layout of x86-64 (NchwcTransformer): blocked forms of the
      // standard ops, and reorders that have no counterpart in the model.
      {kNchwc, "Conv", kConvActivation},
      {kNchwc, "MaxPool", {"MaxPool"}},
      {kNchwc, "AveragePool", {"AveragePool"}},
      {kNchwc, "GlobalMaxPool", {"GlobalMaxPool"}},
      {kNchwc, "GlobalAveragePool", {"GlobalAveragePool"}},
      {kNchwc, "Upsample", {"Resize", "Upsample"}},
      {kNchwc, "ReorderInput", {}},
      {kNchwc, "ReorderOutput", {}},
  };
  return ops;
}

const OrtOp* find_ort_op(std::string_view domain, std::string_view op) {
  for (const OrtOp& entry : ort_ops()) {
    if (entry.domain == domain && entry.op == op) return &entry;
  }
  return nullptr;
}

}  // namespace ingot::onnx_import
