#include "emitters/cpp/runtime_project.h"

#include <set>

#include <fmt/format.h>

#include "emitters/cpp/project_text.h"
#include "emitters/cpp/runtime_sources.h"

namespace ingot::cpp {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1) {
    parts.push_back(text.substr(start, end - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

// The kernels of every optimized ISA lie in kernels/<arch>/<isa>/: the
// architecture folder is whichever holds the ISA's folder.
const SourceFile* find_optimized_source(const std::string& isa, const std::string& file) {
  for (const SourceFile& source : runtime_sources()) {
    const std::vector<std::string> parts = split(std::string(source.path), '/');
    if (parts.size() == 4 && parts[0] == "kernels" && parts[2] == isa && parts[3] == file) return &source;
  }
  return nullptr;
}

// The project path of an include: "ingot/x.h" lies in include/, the
// schema's header in generated/, the rest under the project's root.
std::string include_path(const std::string& include) {
  if (find_runtime_source("include/" + include)) return "include/" + include;
  if (include == "ingot_generated.h") return "generated/" + include;
  return include;
}

// Adds `path`, the files it includes, and the .cc of each header that has
// one (kernels/portable/util.h brings util.cc), to `files`.
Status add_with_includes(const std::string& path, std::set<std::string>* files) {
  if (!files->insert(path).second) return {};
  const SourceFile* source = find_runtime_source(path);
  if (source == nullptr) return Status::internal(fmt::format("the runtime source '{}' is not embedded in ingot", path));
  for (const std::string& include : quoted_includes(source->text)) {
    if (include.starts_with("flatbuffers/")) continue;  // the project's one dependency
    INGOT_RETURN_IF_ERROR(add_with_includes(include_path(include), files));
  }
  if (path.ends_with(".h")) {
    const std::string companion = path.substr(0, path.size() - 2) + ".cc";
    if (find_runtime_source(companion)) INGOT_RETURN_IF_ERROR(add_with_includes(companion, files));
  }
  return {};
}

// The project's fixed part: build files, the public headers and the core,
// and the runner.
Status add_core(std::set<std::string>* files) {
  for (const SourceFile& source : runtime_sources()) {
    const std::string path(source.path);
    const bool core = path.starts_with("include/") || path.starts_with("src/") || path.starts_with("runner/") ||
                      path.find('/') == std::string::npos;
    if (core) INGOT_RETURN_IF_ERROR(add_with_includes(path, files));
  }
  return {};
}

}  // namespace

Result<KernelSource> kernel_source(const std::string& kernel) {
  const std::vector<std::string> parts = split(kernel, '.');
  if (parts.size() == 2 && parts[1] == "portable") {
    const std::string path = "kernels/portable/" + parts[0] + ".cc";
    if (find_runtime_source(path)) return KernelSource{path, "portable::kernel_" + parts[0]};
  } else if (parts.size() == 4) {
    const std::string base = parts[0] + "_" + parts[1] + "_" + parts[2];
    if (const SourceFile* source = find_optimized_source(parts[3], base + ".cc")) {
      const std::string arch = split(std::string(source->path), '/')[1];
      return KernelSource{std::string(source->path), arch + "::kernel_" + base + "_" + parts[3]};
    }
  }
  return Status::invalid(fmt::format("no kernel '{}' in this ingot (kernel names: op.portable, op.variant.dtype.isa; "
                                     "docs/targets.md lists them)",
                                     kernel));
}

Result<std::map<std::string, std::string>> runtime_project_files(const RuntimeProjectSpec& spec) {
  std::set<std::string> copied;
  INGOT_RETURN_IF_ERROR(add_core(&copied));
  std::vector<KernelSource> kernels;
  for (const std::string& kernel : spec.manifest.kernels) {
    INGOT_ASSIGN_OR_RETURN(KernelSource source, kernel_source(kernel));
    INGOT_RETURN_IF_ERROR(add_with_includes(source.path, &copied));
    kernels.push_back(std::move(source));
  }
  std::map<std::string, std::string> files;
  for (const std::string& path : copied) files[path] = std::string(find_runtime_source(path)->text);
  files["generated/registry.cc"] = registry_source(spec, kernels);
  files["generated/config.cmake"] = config_cmake(spec);
  files["manifest.txt"] = manifest_text(spec.manifest);
  files["README.md"] = project_readme(spec, files);
  return files;
}

}  // namespace ingot::cpp
