// The pass test cases of tests/passes/cases/*.ir, shared by the text tests
// (the passes print the expected IR) and the equivalence tests (the IR before
// and after the passes computes the same values). A file holds small cases
// separated by a line `// -----`; a case is
//
//   // PASSES: canonicalize, fuse       the passes to run, in order
//   // OPTIMIZED: add, softmax[axis=2]  (optional) ops the test target has
//   // MISSING: gelu                    optimized kernels for, or none at all
//   // TARGET: x86-64                   (optional) instead: a real target's kernels
//   graph @main(...) { ... }            the input IR
//   // EXPECT:
//   graph @main(...) { ... }            the full IR the passes must print
//
// Every other op has its reference kernel.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "compiler/evaluate_node.h"
#include "compiler/pipeline.h"
#include "compiler/target.h"
#include "ir/parser.h"
#include "passes/pass_manager.h"

namespace ingot::testing {

struct TextCase {
  std::string name;  // file:line
  std::vector<std::string> passes;
  std::set<std::string> optimized, missing;
  std::string target;  // a Target name: its kernel table, not the listed one
  std::string input, expected;
};

// gtest prints a failing case by its name, not its bytes.
inline void PrintTo(const TextCase& test, std::ostream* out) { *out << test.name; }

// The test target: ops listed as OPTIMIZED have an optimized kernel, those
// listed as MISSING none, every other op its reference kernel. An entry
// `softmax[axis=2]` is optimized only when the node's int attribute matches.
class ListedKernels : public KernelTable {
 public:
  ListedKernels(std::set<std::string> optimized, std::set<std::string> missing)
      : optimized_(std::move(optimized)), missing_(std::move(missing)) {}
  KernelSupport support(OpKind op, const AttrMap& attrs, DType) const override {
    const std::string name(op_name(op));
    if (missing_.contains(name)) return KernelSupport::none;
    if (optimized_.contains(name)) return KernelSupport::optimized;
    for (const auto& [attr, value] : attrs) {
      if (const int64_t* i = std::get_if<int64_t>(&value)) {
        if (optimized_.contains(name + "[" + attr + "=" + std::to_string(*i) + "]")) return KernelSupport::optimized;
      }
    }
    return KernelSupport::reference;
  }

 private:
  std::set<std::string> optimized_, missing_;
};

inline std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

inline std::vector<TextCase> read_cases(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<TextCase> cases(1);
  bool in_expected = false;
  int line_number = 0;
  cases.back().name = path.filename().string() + ":1";
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    auto directive = [&](const std::string& key) { return line.rfind("// " + key + ":", 0) == 0; };
    auto value = [&](const std::string& key) { return line.substr(key.size() + 4); };
    if (line == "// -----") {
      cases.emplace_back().name = path.filename().string() + ":" + std::to_string(line_number + 1);
      in_expected = false;
    } else if (directive("PASSES")) {
      cases.back().passes = split_list(value("PASSES"));
    } else if (directive("OPTIMIZED")) {
      for (auto& op : split_list(value("OPTIMIZED"))) cases.back().optimized.insert(op);
    } else if (directive("TARGET")) {
      cases.back().target = split_list(value("TARGET")).at(0);
    } else if (directive("MISSING")) {
      for (auto& op : split_list(value("MISSING"))) cases.back().missing.insert(op);
    } else if (line == "// EXPECT:") {
      in_expected = true;
    } else {
      (in_expected ? cases.back().expected : cases.back().input) += line + "\n";
    }
  }
  return cases;
}

inline std::vector<TextCase> all_cases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(INGOT_SOURCE_DIR "/tests/passes/cases")) {
    if (entry.path().extension() == ".ir") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<TextCase> cases;
  for (const auto& file : files) {
    for (TextCase& c : read_cases(file)) cases.push_back(std::move(c));
  }
  return cases;
}

// The text without comment lines and blank lines, so that cases may annotate.
inline std::string strip_comments(const std::string& text) {
  std::stringstream in(text), out;
  for (std::string line; std::getline(in, line);) {
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, 2, "//") == 0) continue;
    out << line << "\n";
  }
  return out.str();
}

// Runs the case's passes over `graph` (verifying after each).
inline Result<std::vector<PassRecord>> run_case_passes(const TextCase& test, Graph& graph) {
  std::vector<Pass> selected;
  for (const std::string& name : test.passes) {
    std::vector<Pass> pipeline = default_pipeline();
    auto pass = std::find_if(pipeline.begin(), pipeline.end(), [&](const Pass& p) { return p.name == name; });
    if (pass == pipeline.end()) return Status::usage(test.name + ": no pass " + name);
    selected.push_back(*pass);
  }
  if (selected.empty()) return Status::usage(test.name + ": no // PASSES: line");
  ListedKernels listed(test.optimized, test.missing);
  std::unique_ptr<Target> target;
  if (!test.target.empty()) {
    INGOT_ASSIGN_OR_RETURN(target, Target::named(test.target));
  }
  PassContext context{target ? static_cast<const KernelTable*>(target.get()) : &listed, evaluate_with_reference_kernels, {}};
  return run_pipeline(graph, selected, context, PipelineOptions{});
}

// A gtest-safe name for a case: "canonicalize.ir:12" -> "canonicalize_ir_12".
inline std::string case_test_name(const ::testing::TestParamInfo<TextCase>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace ingot::testing
