#include "importers/onnx/model_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <onnx/checker.h>
#include <onnx/defs/schema.h>

#include "importers/onnx/isolated_inference.h"

namespace ingot::onnx_import {
namespace {

// protobuf refuses messages of 2 GiB and more; larger models keep their
// weights as external data.
constexpr std::uintmax_t kMaxModelBytes = (std::uintmax_t{2} << 30) - 1;

Result<std::string> read_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return Status::invalid("no such file");
  if (std::filesystem::is_directory(path, error)) return Status::invalid("is a directory, not a model file");
  std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status::invalid("cannot be read: " + error.message());
  if (size > kMaxModelBytes) return Status::invalid("is larger than 2 GiB; keep the weights as external data");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid("cannot be opened");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) return Status::invalid("cannot be read");
  return bytes;
}

// protobuf's parser refuses messages nested deeper than this (its default
// recursion limit), which keeps the checker's and shape inference's
// recursion over subgraphs shallow.
constexpr int kMaxNesting = 100;

// Whether a model that failed to parse would parse with a deeper nesting
// limit: then the nesting, not the bytes, is what is wrong. (The higher limit
// stays small enough for the parser's own recursion.)
bool parses_when_nesting_allowed(const std::string& bytes) {
  google::protobuf::io::ArrayInputStream raw(bytes.data(), static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetRecursionLimit(4000);
  onnx::ModelProto deep;
  return deep.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
}

// ONNX's shape inference divides by these attributes without checking them
// (a zero stride is a division by zero inside the library): reject them first.
Status check_divisor_attributes(const onnx::GraphProto& graph) {
  static const std::set<std::string> kPositive = {"strides", "dilations", "kernel_shape", "blocksize", "group", "size"};
  for (const onnx::NodeProto& node : graph.node()) {
    for (const onnx::AttributeProto& attr : node.attribute()) {
      if (!kPositive.contains(attr.name())) continue;
      bool positive = attr.type() == onnx::AttributeProto::INT ? attr.i() > 0
                                                                : std::all_of(attr.ints().begin(), attr.ints().end(),
                                                                              [](int64_t v) { return v > 0; });
      if (!positive) {
        return Status::invalid(fmt::format("node '{}' ({}): attribute '{}' must be positive", node.name(),
                                           node.op_type(), attr.name()));
      }
    }
    for (const onnx::AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) INGOT_RETURN_IF_ERROR(check_divisor_attributes(attr.g()));
      for (const onnx::GraphProto& sub : attr.graphs()) INGOT_RETURN_IF_ERROR(check_divisor_attributes(sub));
    }
  }
  return {};
}

// ONNX's shape inference of the convolutions takes the kernel's rank from
// the weight and indexes the input's dims with it, unchecked (an input of
// rank 3 with a weight of rank 4 reads past the input's dims and crashes
// inside the library). Where both ranks are declared, they must agree.
Status check_convolution_ranks(const onnx::GraphProto& graph) {
  std::map<std::string, int> ranks;
  for (const auto& value : graph.input()) {
    if (value.type().tensor_type().has_shape()) ranks[value.name()] = value.type().tensor_type().shape().dim_size();
  }
  for (const auto& value : graph.value_info()) {
    if (value.type().tensor_type().has_shape()) ranks[value.name()] = value.type().tensor_type().shape().dim_size();
  }
  for (const auto& init : graph.initializer()) ranks[init.name()] = init.dims_size();
  // op -> (input index of x, input index of the weight)
  static const std::map<std::string, std::pair<int, int>> kConvolutions = {
      {"Conv", {0, 1}}, {"ConvInteger", {0, 1}}, {"ConvTranspose", {0, 1}}, {"QLinearConv", {0, 3}}, {"DeformConv", {0, 1}}};
  for (const onnx::NodeProto& node : graph.node()) {
    auto conv = kConvolutions.find(node.op_type());
    if (conv != kConvolutions.end() && (node.domain().empty() || node.domain() == "ai.onnx") &&
        node.input_size() > std::max(conv->second.first, conv->second.second)) {
      auto x = ranks.find(node.input(conv->second.first));
      auto w = ranks.find(node.input(conv->second.second));
      if (x != ranks.end() && w != ranks.end() && x->second != w->second) {
        return Status::invalid(fmt::format("node '{}' ({}): the input has rank {} and the weight rank {}; they must match",
                                           node.name(), node.op_type(), x->second, w->second));
      }
    }
    for (const onnx::AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) INGOT_RETURN_IF_ERROR(check_convolution_ranks(attr.g()));
      for (const onnx::GraphProto& sub : attr.graphs()) INGOT_RETURN_IF_ERROR(check_convolution_ranks(sub));
    }
  }
  return {};
}

bool has_external_data(const onnx::GraphProto& graph) {
  for (const auto& init : graph.initializer()) {
    if (init.data_location() == onnx::TensorProto::EXTERNAL) return true;
  }
  return false;
}

Result<int64_t> default_domain_opset(const onnx::ModelProto& model) {
  for (const auto& entry : model.opset_import()) {
    if (entry.domain().empty() || entry.domain() == "ai.onnx") return entry.version();
  }
  // A model that imports only other domains uses no standard op.
  return int64_t{0};
}

// Gives every graph input a static shape: the user's --input-shape, or 1 for
// each symbolic or unknown dim (with a warning).
Status bind_input_shapes(onnx::GraphProto& graph, const ImportOptions& options, std::vector<std::string>& warnings) {
  std::set<std::string> initializers;
  for (const auto& init : graph.initializer()) initializers.insert(init.name());
  std::set<std::string> bound;
  for (auto& input : *graph.mutable_input()) {
    if (initializers.contains(input.name()) || !input.type().has_tensor_type()) continue;
    auto* shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
    auto given = options.input_shapes.find(input.name());
    if (given != options.input_shapes.end()) {
      bound.insert(input.name());
      const Shape& dims = given->second;
      if (input.type().tensor_type().has_shape() && shape->dim_size() != static_cast<int>(dims.size())) {
        return Status::usage(fmt::format("--input-shape {}: the model's input has rank {}, not {}", input.name(),
                                         shape->dim_size(), dims.size()));
      }
      if (!input.type().tensor_type().has_shape()) {
        for (size_t i = 0; i < dims.size(); ++i) shape->add_dim();
      }
      for (int i = 0; i < shape->dim_size(); ++i) {
        auto* dim = shape->mutable_dim(i);
        if (dim->has_dim_value() && dim->dim_value() != dims[i]) {
          return Status::usage(fmt::format("--input-shape {}: dim {} is fixed to {} by the model, not {}",
                                           input.name(), i, dim->dim_value(), dims[i]));
        }
        dim->set_dim_value(dims[i]);
      }
      continue;
    }
    if (!input.type().tensor_type().has_shape()) {
      return Status::invalid(fmt::format("input '{}' has no shape; give one with --input-shape {}=DIMS",
                                         input.name(), input.name()));
    }
    for (int i = 0; i < shape->dim_size(); ++i) {
      auto* dim = shape->mutable_dim(i);
      if (dim->has_dim_value() && dim->dim_value() >= 0) continue;
      std::string symbol = dim->has_dim_param() ? "'" + dim->dim_param() + "'" : "unknown";
      warnings.push_back(fmt::format("input '{}': dim {} ({}) bound to 1; use --input-shape {}=... to choose",
                                     input.name(), i, symbol, input.name()));
      dim->set_dim_value(1);
    }
  }
  for (const auto& [name, dims] : options.input_shapes) {
    if (!bound.contains(name)) return Status::usage(fmt::format("--input-shape names '{}', which is not an input of the model", name));
  }
  return {};
}

}  // namespace

Result<LoadedModel> load_model(const std::string& path, const ImportOptions& options) {
  INGOT_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
  LoadedModel loaded;
  if (!loaded.proto.ParseFromString(bytes)) {
    if (parses_when_nesting_allowed(bytes)) {
      return Status::invalid(fmt::format("nests messages (graphs in nodes in graphs...) deeper than {} levels",
                                         kMaxNesting));
    }
    return Status::invalid("is not an ONNX model (the protobuf does not parse; truncated or another format?)");
  }
  if (!loaded.proto.has_graph()) return Status::invalid("is not an ONNX model (it has no graph)");
  INGOT_ASSIGN_OR_RETURN(loaded.opset, default_domain_opset(loaded.proto));
  const int64_t max_opset = max_supported_opset();
  if (loaded.opset > max_opset) {
    return Status::invalid(fmt::format("uses opset {}, newer than the newest ingot supports ({})", loaded.opset, max_opset));
  }
  try {
    // The checker resolves external data against the model's folder only
    // when it reads the file itself.
    if (has_external_data(loaded.proto.graph())) {
      onnx::checker::check_model(path);
    } else {
      onnx::checker::check_model(loaded.proto);
    }
  } catch (const std::exception& error) {
    return Status::invalid(fmt::format("fails the ONNX checker: {}", error.what()));
  }
  INGOT_RETURN_IF_ERROR(bind_input_shapes(*loaded.proto.mutable_graph(), options, loaded.warnings));
  INGOT_RETURN_IF_ERROR(check_divisor_attributes(loaded.proto.graph()));
  INGOT_RETURN_IF_ERROR(check_convolution_ranks(loaded.proto.graph()));
  std::unordered_map<std::string, onnx::TensorShapeProto> shape_data;
  INGOT_RETURN_IF_ERROR(infer_shapes_isolated(loaded.proto, &shape_data));
  for (const auto& [name, shape] : shape_data) {
    std::vector<int64_t> values;
    bool complete = true;
    for (const auto& dim : shape.dim()) {
      complete = complete && dim.has_dim_value();
      values.push_back(dim.dim_value());
    }
    if (complete) loaded.shape_data.emplace(name, std::move(values));
  }
  return loaded;
}

int64_t max_supported_opset() {
  const auto& map = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = map.find(onnx::ONNX_DOMAIN);
  return it == map.end() ? 0 : it->second.second;
}

}  // namespace ingot::onnx_import
