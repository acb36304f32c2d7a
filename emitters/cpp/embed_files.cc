// embed_files: a build-time tool that writes a C++ source holding the text
// of the runtime's files, so that `ingot` can write a standalone runtime
// project (runtime_project.h) without finding its sources on disk.
//
//   embed_files OUT.cc NAME=PATH...
//
// NAME is the file's path inside the runtime project ("src/program.cc").
// Each text becomes a raw string literal; a file holding the literal's
// delimiter is refused, as is one that cannot be read.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr const char* kDelimiter = "ingot_embed";

bool read_file(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: embed_files OUT.cc NAME=PATH...\n";
    return 1;
  }
  std::ostringstream out;
  out << "// Generated at build time by emitters/cpp/embed_files from the runtime's\n"
         "// sources (runtime-stub/); do not edit.\n"
         "#include \"emitters/cpp/runtime_sources.h\"\n\n"
         "namespace ingot::cpp {\nnamespace {\n\n";
  std::vector<std::string> names;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t equals = arg.find('=');
    if (equals == std::string::npos) {
      std::cerr << "embed_files: expected NAME=PATH, got " << arg << "\n";
      return 1;
    }
    std::string text;
    if (!read_file(arg.substr(equals + 1), &text)) {
      std::cerr << "embed_files: cannot read " << arg.substr(equals + 1) << "\n";
      return 1;
    }
    if (text.find(std::string(")") + kDelimiter + "\"") != std::string::npos) {
      std::cerr << "embed_files: " << arg.substr(equals + 1) << " holds the delimiter " << kDelimiter << "\n";
      return 1;
    }
    out << "constexpr char kFile" << names.size() << "[] = R\"" << kDelimiter << "(" << text << ")" << kDelimiter
        << "\";\n";
    names.push_back(arg.substr(0, equals));
  }
  out << "\n}  // namespace\n\nconst std::vector<SourceFile>& runtime_sources() {\n"
         "  static const std::vector<SourceFile> files = {\n";
  for (size_t i = 0; i < names.size(); ++i) {
    out << "      {\"" << names[i] << "\", {kFile" << i << ", sizeof(kFile" << i << ") - 1}},\n";
  }
  out << "  };\n  return files;\n}\n\n}  // namespace ingot::cpp\n";
  std::ofstream file(argv[1], std::ios::binary);
  file << out.str();
  file.close();
  if (!file) {
    std::cerr << "embed_files: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
