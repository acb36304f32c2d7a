#include "compiler/symbol_attribution.h"

#include <set>

#include <fmt/format.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/ObjectFile.h>

namespace ingot {
namespace {

using llvm::object::ObjectFile;
using llvm::object::SymbolRef;

// Each sized symbol with file contents: its name and size.
Result<std::vector<std::pair<std::string, uint64_t>>> sized_symbols(const std::string& path) {
  llvm::Expected<llvm::object::OwningBinary<ObjectFile>> file = ObjectFile::createObjectFile(path);
  if (!file) return Status::invalid(fmt::format("{}: {}", path, llvm::toString(file.takeError())));
  const ObjectFile* object = file->getBinary();
  if (!object->isELF()) return Status::invalid(fmt::format("{}: not an ELF file", path));
  std::vector<std::pair<std::string, uint64_t>> symbols;
  for (const SymbolRef& symbol : object->symbols()) {
    const uint64_t size = llvm::object::ELFSymbolRef(symbol).getSize();
    llvm::Expected<SymbolRef::Type> type = symbol.getType();
    llvm::Expected<llvm::object::section_iterator> section = symbol.getSection();
    llvm::Expected<llvm::StringRef> name = symbol.getName();
    if (!type || !section || !name) {
      llvm::consumeError(type.takeError());
      llvm::consumeError(section.takeError());
      llvm::consumeError(name.takeError());
      continue;
    }
    if (size == 0 || *section == object->section_end() || (*section)->isBSS()) continue;
    if (*type != SymbolRef::ST_Function && *type != SymbolRef::ST_Data) continue;
    symbols.emplace_back(name->str(), size);
  }
  return symbols;
}

}  // namespace

Result<Attribution> attribute_symbols(const std::string& binary, const std::vector<ObjectOwner>& objects) {
  std::map<std::string, std::set<std::string>> owners_of;  // symbol name -> owners defining it
  for (const ObjectOwner& object : objects) {
    INGOT_ASSIGN_OR_RETURN(auto symbols, sized_symbols(object.object));
    for (const auto& [name, size] : symbols) owners_of[name].insert(object.owner);
  }
  INGOT_ASSIGN_OR_RETURN(auto symbols, sized_symbols(binary));
  Attribution attribution;
  for (const auto& [name, size] : symbols) {
    auto it = owners_of.find(name);
    if (it == owners_of.end()) {
      attribution.unowned += size;
    } else if (it->second.size() > 1) {
      attribution.shared[it->second] += size;
    } else {
      attribution.bytes[*it->second.begin()] += size;
    }
  }
  return attribution;
}

}  // namespace ingot
