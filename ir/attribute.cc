#include "ir/attribute.h"

namespace ingot {

AttrType attr_type(const Attribute& attr) { return static_cast<AttrType>(attr.index()); }

std::string_view attr_type_name(AttrType type) {
  switch (type) {
    case AttrType::i64: return "int";
    case AttrType::f64: return "float";
    case AttrType::str: return "string";
    case AttrType::i64s: return "int list";
    case AttrType::f64s: return "float list";
  }
  return "?";
}

}  // namespace ingot
