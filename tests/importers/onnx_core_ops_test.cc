// What the ONNX importer declares its ops may become, without a model:
// the spellings op lists use (domains, ONNX Runtime's fused ops), ops that
// become no node, unknown ops; and that the tables behind it are sound. That
// converters emit only what they declare is checked over the ONNX backend
// tests by tests/conformance/import_walk.py.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importers/onnx/converters.h"
#include "importers/onnx/onnx_importer.h"
#include "importers/onnx/ort_ops.h"

namespace ingot::onnx_import {
namespace {

using Names = std::vector<std::string>;

Names names_of(std::string_view domain, std::string_view op) {
  std::optional<CoreOpSet> ops = core_ops_of(domain, op);
  EXPECT_TRUE(ops.has_value()) << domain << ":" << op;
  return ops ? ops->names() : Names{};
}

TEST(OnnxCoreOps, StandardDomainHasTwoSpellings) {
  EXPECT_EQ(names_of("", "Clip"), (Names{"clip", "max", "min"}));
  EXPECT_EQ(names_of("ai.onnx", "Clip"), (Names{"clip", "max", "min"}));
  EXPECT_EQ(names_of("ai.onnx", "Conv"), (Names{"conv"}));
}

TEST(OnnxCoreOps, DecompositionsAtImportAreDeclared) {
  Names dql = names_of("", "DynamicQuantizeLinear");
  for (const char* op : {"reduce_min", "reduce_max", "min", "max", "div", "round", "cast", "quantize"}) {
    EXPECT_NE(std::find(dql.begin(), dql.end(), op), dql.end()) << op;
  }
  EXPECT_EQ(names_of("", "Einsum"), (Names{"matmul", "reduce_sum", "reshape", "slice", "transpose"}));
}

TEST(OnnxCoreOps, OpsThatBecomeNoNodeDeclareNothing) {
  for (const char* op : {"Identity", "Shape", "Size", "ConstantOfShape", "Constant", "Dropout"}) {
    std::optional<CoreOpSet> ops = core_ops_of("", op);
    ASSERT_TRUE(ops.has_value()) << op;
    EXPECT_TRUE(ops->empty()) << op;
  }
}

TEST(OnnxCoreOps, UnknownOpsHaveNoAnswer) {
  EXPECT_FALSE(core_ops_of("", "NoSuchOp").has_value());
  EXPECT_FALSE(core_ops_of("", "Det").has_value());                     // standard, not mapped
  EXPECT_FALSE(core_ops_of("ai.onnx.ml", "LinearClassifier").has_value());
  EXPECT_FALSE(core_ops_of("com.microsoft", "Clip").has_value());       // a standard op in another domain
  EXPECT_FALSE(core_ops_of("com.microsoft", "MatMulNBits").has_value());  // ORT's, without a standard form
  EXPECT_FALSE(core_ops_of("com.example", "FusedConv").has_value());
}

// An ORT op is what its standard ops declare, joined.
CoreOpSet joined(std::initializer_list<const char*> standard_ops) {
  CoreOpSet ops;
  for (const char* op : standard_ops) ops |= core_ops_of("", op).value();
  return ops;
}

TEST(OnnxCoreOps, OnnxRuntimeFusionsMapOntoTheStandardOpsTheyReplace) {
  EXPECT_EQ(core_ops_of("com.microsoft", "FusedConv"),
            joined({"Conv", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Clip", "HardSigmoid"}));
  EXPECT_EQ(names_of("com.microsoft", "QLinearAdd"), (Names{"add", "dequantize", "quantize"}));
  EXPECT_EQ(names_of("com.microsoft", "QuickGelu"), (Names{"mul", "sigmoid"}));
  EXPECT_EQ(core_ops_of("com.microsoft", "SkipLayerNormalization").value().contains(OpKind::layer_norm), true);
  EXPECT_EQ(core_ops_of("com.microsoft.nchwc", "Conv"), core_ops_of("com.microsoft", "FusedConv"));
  EXPECT_TRUE(core_ops_of("com.microsoft.nchwc", "ReorderInput").value().empty());  // a layout change only
  // ORT's own op in the standard domain.
  EXPECT_TRUE(core_ops_of("ai.onnx", "SimplifiedLayerNormalization").value().contains(OpKind::reduce_mean));
}

TEST(OnnxCoreOps, EveryOnnxRuntimeOpNamesOpsIngotMaps) {
  for (const OrtOp& ort : ort_ops()) {
    for (std::string_view standard : ort.standard_ops) {
      EXPECT_NE(find_converter(standard), nullptr) << ort.domain << ":" << ort.op << " names " << standard;
    }
    EXPECT_TRUE(core_ops_of(ort.domain, ort.op).has_value()) << ort.domain << ":" << ort.op;
  }
}

TEST(OnnxCoreOps, EachOpHasOneConverterAndNoPlaceholders) {
  const std::vector<ConverterEntry>& table = all_converters();
  ASSERT_GT(table.size(), 130u);
  for (size_t i = 1; i < table.size(); ++i) {
    EXPECT_NE(std::string_view(table[i - 1].onnx_op), table[i].onnx_op) << "two converters for " << table[i].onnx_op;
  }
  for (const ConverterEntry& entry : table) EXPECT_FALSE(entry.emits.contains(OpKind::unmapped)) << entry.onnx_op;
}

// ONNX Runtime 1.21's list for the zoo's mobilenet_v2: every op has an
// answer, and together they need what mobilenet_v2 is made of.
TEST(OnnxCoreOps, TheOpListOrtMadeForMobilenetV2) {
  std::ifstream in(std::string(INGOT_SOURCE_DIR) + "/testdata/opsets/mobilenet_v2.required_operators.config");
  ASSERT_TRUE(in);
  CoreOpSet needed;
  int ops = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t first = line.find(';'), second = line.find(';', first + 1);
    ASSERT_NE(second, std::string::npos) << line;
    std::stringstream list(line.substr(second + 1));
    for (std::string op; std::getline(list, op, ',');) {
      std::optional<CoreOpSet> core = core_ops_of(line.substr(0, first), op);
      ASSERT_TRUE(core.has_value()) << line << ": " << op;
      needed |= *core;
      ++ops;
    }
  }
  EXPECT_EQ(ops, 5);
  for (OpKind op : {OpKind::conv, OpKind::clip, OpKind::global_avg_pool, OpKind::reshape, OpKind::gemm}) {
    EXPECT_TRUE(needed.contains(op)) << op_name(op);
  }
}

}  // namespace
}  // namespace ingot::onnx_import
