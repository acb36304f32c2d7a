#include "emitters/cpp/runtime_sources.h"

#include <algorithm>

namespace ingot::cpp {

const SourceFile* find_runtime_source(std::string_view path) {
  for (const SourceFile& file : runtime_sources()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

std::vector<std::string> quoted_includes(std::string_view text) {
  std::vector<std::string> includes;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '#') continue;
    line.remove_prefix(first + 1);
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    if (!line.starts_with("include")) continue;
    const size_t open = line.find('"');
    const size_t close = open == std::string_view::npos ? open : line.find('"', open + 1);
    if (close != std::string_view::npos) includes.emplace_back(line.substr(open + 1, close - open - 1));
  }
  return includes;
}

}  // namespace ingot::cpp
