#include "compiler/runtime_check.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/Binary.h>
#include <llvm/Object/ObjectFile.h>

#include "compiler/program_needs.h"

namespace ingot {
namespace {

constexpr const char* kSection = ".ingot_manifest";

// The manifest section's text of an object file, if it has one.
std::optional<std::string> manifest_section(const llvm::object::ObjectFile& object) {
  for (const llvm::object::SectionRef& section : object.sections()) {
    llvm::Expected<llvm::StringRef> name = section.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (*name != kSection) continue;
    llvm::Expected<llvm::StringRef> contents = section.getContents();
    if (!contents) {
      llvm::consumeError(contents.takeError());
      return std::nullopt;
    }
    const std::string text = contents->str();
    return text.substr(0, text.find('\0'));  // the array's terminating NUL, and any padding
  }
  return std::nullopt;
}

// The manifest of a binary or archive; nullopt when it is neither, an error
// when it is one without a manifest.
Result<std::optional<std::string>> manifest_of_binary(const std::string& path) {
  llvm::Expected<llvm::object::OwningBinary<llvm::object::Binary>> binary = llvm::object::createBinary(path);
  if (!binary) {
    llvm::consumeError(binary.takeError());
    return std::optional<std::string>();
  }
  const llvm::object::Binary* file = binary->getBinary();
  if (const auto* object = llvm::dyn_cast<llvm::object::ObjectFile>(file)) {
    if (auto text = manifest_section(*object)) return text;
  } else if (const auto* archive = llvm::dyn_cast<llvm::object::Archive>(file)) {
    llvm::Error error = llvm::Error::success();
    for (const llvm::object::Archive::Child& child : archive->children(error)) {
      llvm::Expected<std::unique_ptr<llvm::object::Binary>> member = child.getAsBinary();
      if (!member) {
        llvm::consumeError(member.takeError());
        continue;
      }
      if (const auto* object = llvm::dyn_cast<llvm::object::ObjectFile>(member->get())) {
        if (auto text = manifest_section(*object)) return text;
      }
    }
    llvm::consumeError(std::move(error));
  } else {
    return std::optional<std::string>();
  }
  return Status::invalid(fmt::format("{}: a binary without an ingot runtime manifest (section {}): not built with "
                                     "ingot's runtime",
                                     path, kSection));
}

}  // namespace

Result<cpp::RuntimeManifest> read_runtime_manifest(const std::string& path) {
  INGOT_ASSIGN_OR_RETURN(std::optional<std::string> text, manifest_of_binary(path));
  if (!text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::invalid(fmt::format("{}: cannot be read", path));
    std::ostringstream file;
    file << in.rdbuf();
    text = file.str();
  }
  return cpp::parse_manifest(*text, path);
}

Result<RuntimeCheck> check_program(const std::string& program, const std::string& runtime) {
  INGOT_ASSIGN_OR_RETURN(ProgramNeeds needs, read_program_needs(program));
  RuntimeCheck check{needs.file, runtime, {}, {}, {}};
  INGOT_ASSIGN_OR_RETURN(check.manifest, read_runtime_manifest(runtime));
  const cpp::RuntimeManifest& manifest = check.manifest;
  auto has = [](const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  const int major = static_cast<int>(needs.format_version / 1000);
  if (major != manifest.format_major) {
    check.problems.push_back(fmt::format("the program is format {}.{}; the runtime reads {}.x", major,
                                         needs.format_version % 1000, manifest.format_major));
  }
  for (const std::string& feature : needs.required_features) {
    if (!has(manifest.features, feature)) {
      check.problems.push_back(fmt::format("the program (target {}) needs CPU feature {}; the runtime's kernels are built "
                                           "for {} ({})",
                                           needs.target, feature, manifest.arch, fmt::join(manifest.features, " ")));
    }
  }
  for (const ProgramKernelUse& use : needs.kernels) {
    if (use.instructions > 0 && !has(manifest.kernels, use.name)) check.missing_kernels.push_back(use.name);
  }
  if (!check.missing_kernels.empty()) {
    check.problems.push_back(fmt::format("the runtime lacks {} kernel(s) the program calls: {}",
                                         check.missing_kernels.size(), fmt::join(check.missing_kernels, ", ")));
  }
  for (const auto& [dtype, tensor] : needs.tensor_dtypes) {
    if (!has(manifest.dtypes, std::string(dtype_name(dtype)))) {
      check.problems.push_back(fmt::format("tensor '{}' is {}, a dtype the runtime is built without", tensor,
                                           dtype_name(dtype)));
    }
  }
  return check;
}

std::string check_text(const RuntimeCheck& check) {
  if (check.loads()) {
    return fmt::format("{} loads on {} ({} kernels in that runtime, {} {})\n", check.program, check.runtime,
                       check.manifest.kernels.size(), check.manifest.arch, fmt::join(check.manifest.features, " "));
  }
  std::string text = fmt::format("{} will not load on {}:\n", check.program, check.runtime);
  for (const std::string& problem : check.problems) text += "  - " + problem + "\n";
  return text;
}

nlohmann::ordered_json check_json(const RuntimeCheck& check) {
  nlohmann::ordered_json json;
  json["program"] = check.program;
  json["runtime"] = check.runtime;
  json["loads"] = check.loads();
  json["missing_kernels"] = check.missing_kernels;
  json["problems"] = check.problems;
  json["runtime_arch"] = check.manifest.arch;
  json["runtime_kernels"] = check.manifest.kernels.size();
  return json;
}

}  // namespace ingot
