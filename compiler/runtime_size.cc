#include "compiler/runtime_size.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/subprocess.h"
#include "compiler/symbol_attribution.h"
#include "compiler/target.h"
#include "emitters/cpp/runtime_manifest.h"
#include "emitters/cpp/runtime_project.h"

namespace ingot {
namespace fs = std::filesystem;
namespace {

constexpr const char* kCore = "core";
constexpr const char* kRunner = "runner";
constexpr const char* kHelpers = "kernel helpers";

#if defined(__x86_64__)
constexpr const char* kHostArch = "x86_64";
#elif defined(__aarch64__)
constexpr const char* kHostArch = "aarch64";
#else
constexpr const char* kHostArch = "";
#endif

Result<cpp::RuntimeManifest> read_manifest(const fs::path& project) {
  std::ifstream in(project / "manifest.txt");
  if (!in) return Status::invalid(fmt::format("{}: not a runtime project (no manifest.txt)", project.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return cpp::parse_manifest(text.str(), (project / "manifest.txt").string());
}

Status build(const fs::path& project, const fs::path& build_dir, const std::string& arch, int jobs,
             const std::function<void(const std::string&)>& progress) {
  const std::string log = (build_dir / "build.log").string();
  std::vector<std::string> configure = {"cmake", "-S", project.string(), "-B", build_dir.string(),
                                        "-DCMAKE_BUILD_TYPE=MinSizeRel"};
  if (on_path("ninja")) configure.insert(configure.end(), {"-G", "Ninja"});
  if (arch != "any" && arch != kHostArch) {
    if (arch != "aarch64") return Status::invalid(fmt::format("cannot cross-build a runtime for {} here", arch));
    configure.push_back("-DCMAKE_TOOLCHAIN_FILE=" + (project / "aarch64-linux-gnu.toolchain.cmake").string());
  }
  progress(fmt::format("configuring {} (log: {})", build_dir.string(), log));
  INGOT_RETURN_IF_ERROR(run_logged(configure, log));
  progress("building the runtime (-Os)");
  return run_logged({"cmake", "--build", build_dir.string(), "-j", std::to_string(jobs)}, log);
}

// Each object file of the build with its owner: its source's kernel, the
// core, the runner, or shared kernel helpers.
std::vector<ObjectOwner> object_owners(const fs::path& build_dir, const cpp::RuntimeManifest& manifest) {
  std::map<std::string, std::string> kernel_of_source;
  for (const std::string& kernel : manifest.kernels) {
    if (Result<cpp::KernelSource> source = cpp::kernel_source(kernel); source.ok()) kernel_of_source[source->path] = kernel;
  }
  std::vector<ObjectOwner> owners;
  for (const char* target : {"ingot_runtime.dir", "ingot-run.dir"}) {
    const fs::path dir = build_dir / "CMakeFiles" / target;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(dir, error); it != fs::recursive_directory_iterator(); ++it) {
      const fs::path path = it->path();
      if (path.extension() != ".o") continue;
      const std::string source = fs::relative(path, dir).replace_extension("").generic_string();
      std::string owner = kHelpers;
      if (source.starts_with("src/") || source.starts_with("generated/")) owner = kCore;
      if (source.starts_with("runner/")) owner = kRunner;
      if (auto kernel = kernel_of_source.find(source); kernel != kernel_of_source.end()) owner = kernel->second;
      owners.push_back({path.string(), owner});
    }
  }
  return owners;
}

// 133664 -> "133,664".
std::string grouped(uint64_t value) {
  std::string digits = std::to_string(value), text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

}  // namespace

uint64_t RuntimeSizeReport::shared_bytes() const {
  uint64_t total = 0;
  for (const SharedBytes& entry : shared) total += entry.bytes;
  return total;
}

uint64_t RuntimeSizeReport::kernel_bytes() const {
  uint64_t total = 0;
  for (const KernelBytes& kernel : kernels) total += kernel.bytes;
  return total;
}

Result<RuntimeSizeReport> build_and_measure(const std::string& project_dir, const std::string& target, int jobs,
                                            const std::function<void(const std::string&)>& progress) {
  const fs::path project = fs::absolute(project_dir);
  INGOT_ASSIGN_OR_RETURN(cpp::RuntimeManifest manifest, read_manifest(project));
  const fs::path build_dir = project / "build-size";
  std::error_code error;
  fs::create_directories(build_dir, error);
  // Built for the target's architecture, also when every kernel is portable.
  INGOT_ASSIGN_OR_RETURN(std::unique_ptr<Target> named, Target::named(target));
  std::string arch(isa_arch(named->isa()));
  if (arch == "any") arch = manifest.arch == "any" ? kHostArch : manifest.arch;
  INGOT_RETURN_IF_ERROR(build(project, build_dir, arch, jobs, progress));
  RuntimeSizeReport report;
  report.target = target;
  report.arch = arch;
  report.binary = (build_dir / "bin" / "ingot-run").string();
  report.stripped_bytes = fs::file_size(report.binary + ".stripped", error);
  if (error) return Status::internal(fmt::format("the build left no {}.stripped", report.binary));
  progress("reading symbols");
  INGOT_ASSIGN_OR_RETURN(Attribution attribution, attribute_symbols(report.binary, object_owners(build_dir, manifest)));
  report.core_bytes = attribution.bytes[kCore];
  report.runner_bytes = attribution.bytes[kRunner];
  if (attribution.bytes[kHelpers] > 0) report.shared.push_back({{kHelpers}, attribution.bytes[kHelpers]});
  for (const auto& [owners, bytes] : attribution.shared) {
    report.shared.push_back({std::vector<std::string>(owners.begin(), owners.end()), bytes});
  }
  for (const std::string& kernel : manifest.kernels) report.kernels.push_back({kernel, attribution.bytes[kernel]});
  const uint64_t attributed = report.runtime_bytes() + report.runner_bytes;
  report.other_bytes = report.stripped_bytes > attributed ? report.stripped_bytes - attributed : 0;
  return report;
}

nlohmann::ordered_json size_report_json(const RuntimeSizeReport& report) {
  nlohmann::ordered_json json;
  json["target"] = report.target;
  json["arch"] = report.arch;
  json["build"] = "MinSizeRel (-Os), -ffunction-sections -fdata-sections, --gc-sections, stripped";
  json["stripped_bytes"] = report.stripped_bytes;
  json["runtime_bytes"] = report.runtime_bytes();
  json["core_bytes"] = report.core_bytes;
  json["kernel_bytes"] = report.kernel_bytes();
  json["shared_bytes"] = report.shared_bytes();
  json["runner_bytes"] = report.runner_bytes;
  json["other_bytes"] = report.other_bytes;
  json["kernels"] = nlohmann::ordered_json::array();
  for (const KernelBytes& kernel : report.kernels) json["kernels"].push_back({{"kernel", kernel.kernel}, {"bytes", kernel.bytes}});
  json["shared"] = nlohmann::ordered_json::array();
  for (const SharedBytes& entry : report.shared) json["shared"].push_back({{"by", entry.owners}, {"bytes", entry.bytes}});
  return json;
}

std::string size_report_table(const RuntimeSizeReport& report) {
  std::string table = fmt::format("Runtime size for {} ({}), -Os, stripped\n\n| part | bytes |\n|---|---:|\n",
                                  report.target, report.arch);
  auto row = [&](const std::string& part, uint64_t bytes) { table += fmt::format("| {} | {} |\n", part, grouped(bytes)); };
  row("core (loader, executor, thread pool, kernel table)", report.core_bytes);
  for (const KernelBytes& kernel : report.kernels) row("`" + kernel.kernel + "`", kernel.bytes);
  for (const SharedBytes& entry : report.shared) {
    row(entry.owners.size() == 1 ? entry.owners[0] : fmt::format("shared by {}", fmt::join(entry.owners, ", ")), entry.bytes);
  }
  row("**runtime (core + kernels + shared)**", report.runtime_bytes());
  row("runner (ingot-run: arguments, .npy files)", report.runner_bytes);
  row("rest of the file (ELF headers, dynamic linking, C start-up, strings)", report.other_bytes);
  row("**ingot-run, stripped**", report.stripped_bytes);
  return table;
}

}  // namespace ingot
