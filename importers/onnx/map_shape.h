// ONNX shape queries (Shape, Size, ConstantOfShape, EyeLike). Shapes are
// static in ingot, so each of them becomes a constant at import time, which
// later converters read back with ConvertContext::constant_ints().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "importers/onnx/convert_context.h"

namespace ingot::onnx_import {

std::vector<ConverterEntry> shape_converters();  // map_shape.cc

// Makes output 0 of the node a new constant of `type` holding `bytes`
// (little-endian, dense). Also used by converters that fold (Range).
Status bind_constant(ConvertContext& ctx, const TensorType& type, std::vector<uint8_t> bytes);

// The values of integer operand `input` when the importer can know them
// now: ConvertContext::constant_ints() (a constant, or ONNX's data
// propagation), or else a short chain of integer arithmetic and layout
// nodes over such values, evaluated here (LayerNormalization's function body
// feeds ConstantOfShape with Neg of a constant, which ONNX does not
// propagate). Only short vectors (shapes, axes) are evaluated.
std::optional<std::vector<int64_t>> known_ints(const ConvertContext& ctx, size_t input);

// The largest constant a converter folds; past it the node is unsupported
// rather than filling memory (a hostile shape can ask for 2^40 elements).
inline constexpr int64_t kMaxFoldedBytes = int64_t{256} << 20;

}  // namespace ingot::onnx_import
