// Limits: hostile ONNX models (byte sizes that overflow, absurd dims, cycles,
// initializers larger than their data, nesting deeper than a stack should
// go) are refused with a clear message, before any large allocation. Every
// operator new of this binary is measured; no single one may exceed
// kLargeAllocation while a hostile model is imported or compiled.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "importers/onnx/onnx_importer.h"
#include "tests/e2e/counting_new.h"
#include "tests/importers/onnx_model_builder.h"

namespace {
std::atomic<size_t> largest_allocation{0};
}  // namespace

void on_allocation(std::size_t size) {
  size_t seen = largest_allocation.load(std::memory_order_relaxed);
  while (size > seen && !largest_allocation.compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
  }
}

namespace ingot {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ingot::testing::OnnxModelBuilder;
using ingot::testing::TempDir;

constexpr size_t kLargeAllocation = size_t{64} << 20;

// Compiles the model and returns the failure (the test fails if it compiles
// or allocates more than kLargeAllocation at once on the way).
Status refused(const OnnxModelBuilder& model, const TempDir& dir) {
  const std::string path = model.save(dir / "model.onnx");
  largest_allocation = 0;
  Result<CompileSummary> compiled = compile_model(path, (dir / "bundle").string(), {});
  EXPECT_LE(largest_allocation.load(), kLargeAllocation) << "a hostile model made ingot allocate a large block";
  EXPECT_FALSE(compiled.ok()) << "a hostile model compiled";
  if (compiled.ok()) return Status::internal("compiled");
  EXPECT_EQ(compiled.status().kind(), ErrorKind::invalid_input) << compiled.status().message();
  EXPECT_THAT(compiled.status().message(), HasSubstr(path));
  return compiled.status();
}

OnnxModelBuilder relu_on_input(std::vector<int64_t> dims) {
  OnnxModelBuilder model;
  model.input("x", dims).output("y", dims);
  model.node("Relu", {"x"}, {"y"}, "relu");
  return model;
}

TEST(Limits, InputWhoseByteSizeOverflows) {
  TempDir dir;
  Status status = refused(relu_on_input({int64_t{1} << 62, 4}), dir);
  EXPECT_THAT(status.message(), HasSubstr("'x'"));
}

TEST(Limits, AbsurdInputDims) {
  TempDir dir;
  // 2^60 elements: no int64 overflow in the element count, but no machine holds it.
  Status status = refused(relu_on_input({int64_t{1} << 20, int64_t{1} << 20, int64_t{1} << 20}), dir);
  EXPECT_THAT(status.message(), HasSubstr("'x'"));
}

TEST(Limits, InitializerWhoseByteSizeOverflows) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {1}).output("y", {1});
  model.initializer("w", {int64_t{1} << 40, int64_t{1} << 40}, onnx::TensorProto::FLOAT).set_raw_data(std::string(4, '\0'));
  model.node("Add", {"x", "w"}, {"y"}, "add");
  Status status = refused(model, dir);
  // The checker's element count wraps to 0 and it refuses the data.
  EXPECT_THAT(status.message(), AnyOf(HasSubstr("tensor 'w'"), HasSubstr("tensor name: w")));
}

TEST(Limits, InitializerLargerThanItsRawData) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {1}).output("y", {int64_t{1} << 30});
  // 4 GiB by its dims, 16 bytes in the file.
  model.initializer("w", {int64_t{1} << 30}, onnx::TensorProto::FLOAT).set_raw_data(std::string(16, '\0'));
  model.node("Add", {"x", "w"}, {"y"}, "add");
  Status status = refused(model, dir);
  EXPECT_THAT(status.message(), HasSubstr("tensor 'w'"));
}

TEST(Limits, InitializerLargerThanItsTypedData) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {1}).output("y", {int64_t{1} << 30});
  onnx::TensorProto& w = model.initializer("w", {int64_t{1} << 30}, onnx::TensorProto::FLOAT);
  for (int i = 0; i < 4; ++i) w.add_float_data(1.0f);
  model.node("Add", {"x", "w"}, {"y"}, "add");
  Status status = refused(model, dir);
  EXPECT_THAT(status.message(), HasSubstr("tensor 'w'"));
}

TEST(Limits, InitializerLargerThanItsExternalFile) {
  TempDir dir;
  {
    std::ofstream(dir / "w.bin", std::ios::binary) << std::string(16, '\0');
  }
  OnnxModelBuilder model;
  model.input("x", {1}).output("y", {int64_t{1} << 30});
  onnx::TensorProto& w = model.initializer("w", {int64_t{1} << 30}, onnx::TensorProto::FLOAT);
  w.set_data_location(onnx::TensorProto::EXTERNAL);
  auto* location = w.add_external_data();
  location->set_key("location");
  location->set_value("w.bin");
  model.node("Add", {"x", "w"}, {"y"}, "add");
  Status status = refused(model, dir);
  EXPECT_THAT(status.message(), AnyOf(HasSubstr("'w'"), HasSubstr("w.bin")));
}

TEST(Limits, GraphWithACycle) {
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {2}).output("y", {2});
  model.node("Add", {"x", "b"}, {"a"}, "first");
  model.node("Relu", {"a"}, {"b"}, "second");
  model.node("Identity", {"b"}, {"y"}, "out");
  Status status = refused(model, dir);
  EXPECT_THAT(status.message(), AnyOf(HasSubstr("topologically sorted"), HasSubstr("cycle")));
}

// An If whose branches hold an If... `depth` levels deep.
OnnxModelBuilder nested_ifs(int depth) {
  OnnxModelBuilder model;
  model.input("c", {}, onnx::TensorProto::BOOL).output("y", {1});
  onnx::GraphProto inner;
  inner.set_name("leaf");
  {
    onnx::NodeProto* node = inner.add_node();
    node->set_op_type("Constant");
    onnx::AttributeProto* value = node->add_attribute();
    value->set_name("value");
    value->set_type(onnx::AttributeProto::TENSOR);
    value->mutable_t()->add_dims(1);
    value->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
    value->mutable_t()->add_float_data(1.0f);
    node->add_output("r");
    auto* out = inner.add_output();
    out->set_name("r");
    out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  }
  const onnx::GraphProto leaf = inner;
  for (int level = 0; level < depth; ++level) {
    onnx::GraphProto outer;
    outer.set_name("level" + std::to_string(level));
    onnx::NodeProto* node = outer.add_node();
    node->set_op_type("If");
    node->add_input("c");
    node->add_output("r");
    // The nesting goes down the then branch only (both would double the
    // file at every level).
    onnx::AttributeProto* then_branch = node->add_attribute();
    then_branch->set_name("then_branch");
    then_branch->set_type(onnx::AttributeProto::GRAPH);
    onnx::AttributeProto* else_branch = node->add_attribute();
    else_branch->set_name("else_branch");
    else_branch->set_type(onnx::AttributeProto::GRAPH);
    *else_branch->mutable_g() = leaf;
    *outer.add_output() = inner.output(0);
    *then_branch->mutable_g() = std::move(inner);
    inner = std::move(outer);
  }
  onnx::NodeProto& top = model.node("If", {"c"}, {"y"}, "top");
  for (const char* branch : {"then_branch", "else_branch"}) {
    onnx::AttributeProto* attr = top.add_attribute();
    attr->set_name(branch);
    attr->set_type(onnx::AttributeProto::GRAPH);
    *attr->mutable_g() = inner;
  }
  return model;
}

TEST(Limits, DeeplyNestedSubgraphs) {
  TempDir dir;
  // Too deep for the protobuf parser's recursion limit: refused at parsing.
  Status status = refused(nested_ifs(400), dir);
  EXPECT_THAT(status.message(), HasSubstr("deeper than 100 levels"));
}

TEST(Limits, NestedSubgraphsWithinTheLimit) {
  TempDir dir;
  // Parses; control flow is not a core op, so the If is refused by name.
  Status status = refused(nested_ifs(20), dir);
  EXPECT_THAT(status.message(), HasSubstr("If"));
}

TEST(Limits, LongChainOfNodesCompiles) {
  // No recursion over the graph: 20000 nodes in a row are as fine as 2.
  TempDir dir;
  OnnxModelBuilder model;
  model.input("x", {4}).output("y", {4});
  std::string previous = "x";
  for (int i = 0; i < 20000; ++i) {
    std::string next = i + 1 == 20000 ? "y" : "v" + std::to_string(i);
    model.node(i % 2 ? "Relu" : "Neg", {previous}, {next}, "n" + std::to_string(i));
    previous = next;
  }
  Result<CompileSummary> compiled = compile_model(model.save(dir / "model.onnx"), (dir / "bundle").string(), {});
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
}

}  // namespace
}  // namespace ingot
