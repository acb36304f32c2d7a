// What `ingot inspect` reports about a model: interface, op histograms,
// parameters, MACs and what could not be mapped.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/imported_model.h"

namespace ingot {

struct TensorSummary {
  std::string name;
  TensorType type;
};

struct ModelSummary {
  std::string path;
  std::string format;
  int64_t opset = 0;
  std::string producer;
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
  int64_t source_nodes = 0;
  std::map<std::string, int64_t> source_ops;  // source op type -> count
  int64_t core_nodes = 0;
  std::map<std::string, int64_t> core_ops;    // core op name -> count
  int64_t parameters = 0;                     // elements of all constants
  int64_t parameter_bytes = 0;
  int64_t macs = 0;                           // multiply-accumulates of conv/matmul/gemm
  std::vector<UnmappedNode> unmapped;
  std::vector<std::string> warnings;
  // Core ops of the nodes by the node's source_op (the importer's output
  // copies under kOutputCopySource); `unmapped` placeholders not counted.
  std::map<std::string, std::map<std::string, int64_t>> core_ops_by_source;
  // Per source op type: the core ops its importer declares it may become,
  // nullopt when the importer does not know it (filled by the compiler,
  // which knows the importers).
  std::map<std::string, std::optional<std::vector<std::string>>> declared_core_ops;
};

// Multiply-accumulates of one node (0 for ops that are not products).
int64_t node_macs(const Node& node);

ModelSummary summarize(const std::string& path, const ImportResult& model);

}  // namespace ingot
