#include "importers/aten/json_util.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace ingot::aten {
namespace {

// Quotes bare Infinity / -Infinity / NaN outside strings and checks depth.
Result<std::string> sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return Status::invalid(fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth));
    }
    if (c == ']' || c == '}') --depth;
    for (std::string_view word : {"-Infinity", "Infinity", "NaN"}) {
      if (text.substr(i, word.size()) == word) {
        out += '"';
        out += word;
        out += '"';
        i += word.size() - 1;
        c = 0;
        break;
      }
    }
    if (c != 0) out += c;
  }
  return out;
}

std::string_view type_name(const Json& value) { return value.type_name(); }

}  // namespace

Result<Json> parse_json(std::string_view text) {
  INGOT_ASSIGN_OR_RETURN(std::string clean, sanitize(text));
  try {
    return Json::parse(clean);
  } catch (const Json::exception& error) {
    return Status::invalid(fmt::format("malformed JSON: {}", error.what()));
  }
}

Result<std::pair<std::string, const Json*>> union_field(const Json& value, std::string_view what) {
  if (!value.is_object()) return Status::invalid(fmt::format("{} is a {}, not an object", what, type_name(value)));
  std::pair<std::string, const Json*> found{"", nullptr};
  bool has_none_key = false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key() == "as_none") has_none_key = true;
    if (it.value().is_null()) continue;
    if (found.second != nullptr) {
      return Status::invalid(fmt::format("{} sets both '{}' and '{}'", what, found.first, it.key()));
    }
    found = {it.key(), &it.value()};
  }
  if (found.second == nullptr) {
    static const Json kNull;
    if (has_none_key) return std::pair<std::string, const Json*>{"as_none", &kNull};
    return Status::invalid(fmt::format("{} sets no field", what));
  }
  return found;
}

Result<const Json*> member(const Json& object, std::string_view key, std::string_view what) {
  if (!object.is_object()) return Status::invalid(fmt::format("{} is a {}, not an object", what, type_name(object)));
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status::invalid(fmt::format("{} has no '{}'", what, key));
  return &*it;
}

const Json* optional_member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

Result<int64_t> as_int(const Json& value, std::string_view what) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return Status::invalid(fmt::format("{} is too large", what));
    }
    return value.get<int64_t>();
  }
  return Status::invalid(fmt::format("{} is a {}, not an integer", what, type_name(value)));
}

Result<double> as_float(const Json& value, std::string_view what) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  }
  return Status::invalid(fmt::format("{} is a {}, not a number", what, type_name(value)));
}

Result<bool> as_bool(const Json& value, std::string_view what) {
  if (value.is_boolean()) return value.get<bool>();
  return Status::invalid(fmt::format("{} is a {}, not a bool", what, type_name(value)));
}

Result<std::string> as_string(const Json& value, std::string_view what) {
  if (value.is_string()) return value.get<std::string>();
  return Status::invalid(fmt::format("{} is a {}, not a string", what, type_name(value)));
}

Result<const Json*> as_array(const Json& value, std::string_view what) {
  if (value.is_array()) return &value;
  return Status::invalid(fmt::format("{} is a {}, not a list", what, type_name(value)));
}

Result<const Json*> as_object(const Json& value, std::string_view what) {
  if (value.is_object()) return &value;
  return Status::invalid(fmt::format("{} is a {}, not an object", what, type_name(value)));
}

}  // namespace ingot::aten
