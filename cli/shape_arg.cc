#include "cli/shape_arg.h"

#include <charconv>

namespace ingot::cli {

Result<std::map<std::string, Shape>> parse_input_shapes(const std::vector<std::string>& args) {
  std::map<std::string, Shape> shapes;
  for (const std::string& arg : args) {
    auto bad = [&] { return Status::usage("--input-shape '" + arg + "' must look like NAME=1x3x224x224"); };
    size_t eq = arg.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size()) return bad();
    Shape shape;
    const char* p = arg.data() + eq + 1;
    const char* end = arg.data() + arg.size();
    while (p < end) {
      int64_t dim = 0;
      auto [next, error] = std::from_chars(p, end, dim);
      if (error != std::errc() || dim < 0) return bad();
      shape.push_back(dim);
      p = next;
      if (p < end && *p++ != 'x') return bad();
      if (p == end && end[-1] == 'x') return bad();
    }
    shapes[arg.substr(0, eq)] = std::move(shape);
  }
  return shapes;
}

}  // namespace ingot::cli
