#include "compiler/run_profile.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "ingot_generated.h"

namespace ingot {

nlohmann::ordered_json profile_json(const rt::Program& program, const InstructionProfiler& profiler, int runs, size_t top) {
  const auto* instructions = program.schema()->instructions();
  const auto* kernels = program.schema()->kernels();
  const std::vector<double>& ns = profiler.total_ns();
  const double total = std::accumulate(ns.begin(), ns.end(), 0.0);
  auto ms_per_run = [&](double sum_ns) { return sum_ns / 1e6 / runs; };
  auto share = [&](double sum_ns) { return total > 0 ? sum_ns / total : 0.0; };

  struct KernelTime {
    int nodes = 0;
    double ns = 0;
  };
  std::map<std::string, KernelTime> by_kernel;
  std::vector<size_t> order(ns.size());
  for (size_t i = 0; i < ns.size(); ++i) {
    KernelTime& k = by_kernel[kernels->Get(instructions->Get(i)->kernel())->name()->str()];
    k.nodes += 1;
    k.ns += ns[i];
    order[i] = i;
  }
  std::vector<std::pair<std::string, KernelTime>> kernel_rows(by_kernel.begin(), by_kernel.end());
  std::stable_sort(kernel_rows.begin(), kernel_rows.end(), [](const auto& a, const auto& b) { return a.second.ns > b.second.ns; });
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ns[a] > ns[b]; });

  nlohmann::ordered_json profile{{"runs", runs}, {"ms_per_run", ms_per_run(total)}, {"kernels", nlohmann::json::array()},
                                 {"nodes", nlohmann::json::array()}};
  for (const auto& [name, k] : kernel_rows) {
    profile["kernels"].push_back({{"kernel", name}, {"nodes", k.nodes}, {"ms_per_run", ms_per_run(k.ns)}, {"share", share(k.ns)}});
  }
  for (size_t rank = 0; rank < std::min(top, order.size()); ++rank) {
    const auto* instruction = instructions->Get(order[rank]);
    profile["nodes"].push_back({{"node", instruction->node_name() ? instruction->node_name()->str() : ""},
                                {"kernel", kernels->Get(instruction->kernel())->name()->str()},
                                {"ms_per_run", ms_per_run(ns[order[rank]])},
                                {"share", share(ns[order[rank]])}});
  }
  return profile;
}

std::string profile_table(const nlohmann::ordered_json& profile) {
  size_t kernel_width = 6, node_width = 13;  // "kernel", "slowest nodes"
  for (const auto& k : profile["kernels"]) kernel_width = std::max(kernel_width, k["kernel"].get<std::string>().size());
  for (const auto& n : profile["nodes"]) node_width = std::max(node_width, n["node"].get<std::string>().size());
  std::string out = fmt::format("profile: {:.3f} ms per run in kernels, mean of {} runs\n\n", profile["ms_per_run"].get<double>(),
                                profile["runs"].get<int>());
  out += fmt::format("{:<{}} {:>6} {:>9} {:>7}\n", "kernel", kernel_width, "nodes", "ms/run", "share");
  for (const auto& k : profile["kernels"]) {
    out += fmt::format("{:<{}} {:>6} {:>9.3f} {:>6.1f}%\n", k["kernel"].get<std::string>(), kernel_width, k["nodes"].get<int>(),
                       k["ms_per_run"].get<double>(), 100 * k["share"].get<double>());
  }
  out += fmt::format("\n{:<{}} {:<{}} {:>9} {:>7}\n", "slowest nodes", node_width, "kernel", kernel_width, "ms/run", "share");
  for (const auto& n : profile["nodes"]) {
    out += fmt::format("{:<{}} {:<{}} {:>9.3f} {:>6.1f}%\n", n["node"].get<std::string>(), node_width, n["kernel"].get<std::string>(),
                       kernel_width, n["ms_per_run"].get<double>(), 100 * n["share"].get<double>());
  }
  return out;
}

}  // namespace ingot
