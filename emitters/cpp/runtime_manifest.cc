#include "emitters/cpp/runtime_manifest.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace ingot::cpp {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += " " + word;
  return text;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool parse_version(std::string_view text, int* major, int* minor) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return false;
  const char* end = text.data() + text.size();
  auto [after_major, e1] = std::from_chars(text.data(), text.data() + dot, *major);
  auto [after_minor, e2] = std::from_chars(text.data() + dot + 1, end, *minor);
  return e1 == std::errc() && e2 == std::errc() && after_major == text.data() + dot && after_minor == end;
}

}  // namespace

std::string manifest_text(const RuntimeManifest& manifest) {
  std::string text = fmt::format("ingot-runtime-manifest {}\nproducer {}\nprogram-format {}.{}\narch {}\n",
                                 kManifestVersion, manifest.producer, manifest.format_major, manifest.format_minor,
                                 manifest.arch);
  text += "features" + joined(manifest.features) + "\n";
  text += "dtypes" + joined(manifest.dtypes) + "\n";
  for (const std::string& kernel : manifest.kernels) text += "kernel " + kernel + "\n";
  return text + "end\n";
}

Result<RuntimeManifest> parse_manifest(std::string_view text, const std::string& source) {
  RuntimeManifest manifest;
  bool header = false, ended = false;
  size_t line_start = 0;
  for (int line_number = 1; line_start < text.size() && !ended; ++line_number) {
    const size_t line_end = std::min(text.find('\n', line_start), text.size());
    const std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    const size_t space = std::min(line.find(' '), line.size());
    const std::string_view key = line.substr(0, space);
    const std::string_view rest = space < line.size() ? line.substr(space + 1) : std::string_view();
    auto bad = [&](const std::string& why) {
      return Status::invalid(fmt::format("{}: manifest line {}: {}", source, line_number, why));
    };
    if (!header) {
      if (key != "ingot-runtime-manifest") return bad("not an ingot runtime manifest");
      if (rest != std::to_string(kManifestVersion)) {
        return bad(fmt::format("manifest version {}; this ingot reads {}", rest, kManifestVersion));
      }
      header = true;
    } else if (key == "producer") {
      manifest.producer = std::string(rest);
    } else if (key == "program-format") {
      if (!parse_version(rest, &manifest.format_major, &manifest.format_minor)) return bad("a bad program-format");
    } else if (key == "arch") {
      manifest.arch = std::string(rest);
    } else if (key == "features") {
      manifest.features = words_of(rest);
    } else if (key == "dtypes") {
      manifest.dtypes = words_of(rest);
    } else if (key == "kernel") {
      manifest.kernels.emplace_back(rest);
    } else if (key == "end") {
      ended = true;
    }  // other entries are a later ingot's additions, and are skipped

  }
  if (!header) return Status::invalid(source + ": not an ingot runtime manifest");
  if (!ended) return Status::invalid(source + ": the manifest is cut short (no 'end' line)");
  return manifest;
}

}  // namespace ingot::cpp
