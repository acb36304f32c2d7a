// Builds small ONNX models in tests, so that each test states the exact model
// it feeds the importer.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

namespace ingot::testing {

class OnnxModelBuilder {
 public:
  explicit OnnxModelBuilder(int64_t opset = 13) {
    model_.set_ir_version(8);
    model_.set_producer_name("ingot-test");
    auto* entry = model_.add_opset_import();
    entry->set_domain("");
    entry->set_version(opset);
    model_.mutable_graph()->set_name("test");
  }

  // dims: >= 0 fixed, -1 unknown, or a symbol through `symbols`.
  OnnxModelBuilder& input(const std::string& name, std::vector<int64_t> dims, int32_t elem_type = onnx::TensorProto::FLOAT,
                          std::vector<std::string> symbols = {}) {
    add_value(model_.mutable_graph()->add_input(), name, dims, elem_type, symbols);
    return *this;
  }
  OnnxModelBuilder& output(const std::string& name, std::vector<int64_t> dims, int32_t elem_type = onnx::TensorProto::FLOAT) {
    add_value(model_.mutable_graph()->add_output(), name, dims, elem_type, {});
    return *this;
  }
  onnx::NodeProto& node(const std::string& op, std::vector<std::string> inputs, std::vector<std::string> outputs,
                        const std::string& name = "", const std::string& domain = "") {
    auto* node = model_.mutable_graph()->add_node();
    node->set_op_type(op);
    node->set_name(name);
    node->set_domain(domain);
    for (const auto& in : inputs) node->add_input(in);
    for (const auto& out : outputs) node->add_output(out);
    return *node;
  }
  onnx::TensorProto& initializer(const std::string& name, std::vector<int64_t> dims, int32_t elem_type) {
    auto* tensor = model_.mutable_graph()->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(elem_type);
    for (int64_t d : dims) tensor->add_dims(d);
    return *tensor;
  }
  OnnxModelBuilder& import_domain(const std::string& domain, int64_t version) {
    auto* entry = model_.add_opset_import();
    entry->set_domain(domain);
    entry->set_version(version);
    return *this;
  }

  onnx::ModelProto& proto() { return model_; }

  std::string save(const std::filesystem::path& path) const {
    std::ofstream out(path, std::ios::binary);
    model_.SerializeToOstream(&out);
    return path.string();
  }

 private:
  static void add_value(onnx::ValueInfoProto* value, const std::string& name, const std::vector<int64_t>& dims,
                        int32_t elem_type, const std::vector<std::string>& symbols) {
    value->set_name(name);
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(elem_type);
    auto* shape = tensor->mutable_shape();
    for (size_t i = 0; i < dims.size(); ++i) {
      auto* dim = shape->add_dim();
      if (i < symbols.size() && !symbols[i].empty()) {
        dim->set_dim_param(symbols[i]);
      } else if (dims[i] >= 0) {
        dim->set_dim_value(dims[i]);
      }
    }
  }

  onnx::ModelProto model_;
};

// Attributes of a node under construction.
inline void add_int(onnx::NodeProto& node, const std::string& name, int64_t value) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(value);
}

inline void add_ints(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) attr->add_ints(v);
}

inline void add_string(onnx::NodeProto& node, const std::string& name, const std::string& value) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(value);
}

// A fresh empty directory under the test temp dir, removed at destruction.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("ingot-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace ingot::testing
