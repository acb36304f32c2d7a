// Writes the text form described in docs/ir-text.md. Everything printed comes
// from the graph alone, in the graph's own orders, so the output is the same
// bytes for the same graph.
#include "ir/printer.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "ir/text_lexer.h"

namespace ingot {
namespace {

using text::name_text;
using text::quote;

// Shortest text that reads back as the same double, always marked as a float
// ('.', an exponent, inf or nan) so that it cannot be taken for an integer.
std::string format_double(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string out = ec == std::errc() ? std::string(buffer, end) : fmt::format("{}", value);
  if (out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

std::string value_ref(const Value* value) { return value == nullptr ? "_" : "%" + name_text(value->name()); }

std::string format_type(const TensorType& type) {
  std::string out = fmt::format("{}[{}]", dtype_name(type.dtype), fmt::join(type.shape, ","));
  if (type.quant) {
    const Quantization& q = *type.quant;
    std::vector<std::string> scales;
    for (double scale : q.scale) scales.push_back(format_double(scale));
    out += fmt::format("{{q: axis = {}, scale = [{}], zero_point = [{}]}}", q.axis, fmt::join(scales, ", "),
                       fmt::join(q.zero_point, ", "));
  }
  return out;
}

struct AttrFormatter {
  std::string operator()(int64_t value) const { return std::to_string(value); }
  std::string operator()(double value) const { return format_double(value); }
  std::string operator()(const std::string& value) const { return quote(value); }
  std::string operator()(const std::vector<int64_t>& values) const { return fmt::format("[{}]", fmt::join(values, ", ")); }
  std::string operator()(const std::vector<double>& values) const {
    std::vector<std::string> parts;
    for (double value : values) parts.push_back(format_double(value));
    return fmt::format("[{}]", fmt::join(parts, ", "));
  }
};

// Attribute names come from the op table and are plain words; anything else
// is quoted so that the text stays readable (the parser rejects it anyway).
std::string attr_name(const std::string& name) {
  bool plain = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return plain ? name : quote(name);
}

std::string format_attrs(const AttrMap& attrs) {
  if (attrs.empty()) return "";
  std::vector<std::string> parts;
  for (const auto& [name, value] : attrs) parts.push_back(attr_name(name) + " = " + std::visit(AttrFormatter{}, value));
  return fmt::format(" {{{}}}", fmt::join(parts, ", "));
}

// Appends the constant's data: raw bytes as hex, or a size note when elided.
void append_data(std::string& out, const ConstantData& data, const PrintOptions& options) {
  size_t size = data ? data->size() : 0;
  if (options.elide_large_constants && size > options.elide_above_bytes) {
    out += fmt::format("elided<{} bytes>", size);
    return;
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "dense<\"0x";
  size_t at = out.size();
  out.resize(at + 2 * size);
  for (size_t i = 0; i < size; ++i) {
    uint8_t byte = (*data)[i];
    out[at++] = kHex[byte >> 4];
    out[at++] = kHex[byte & 15];
  }
  out += "\">";
}

void print_constant(std::string& out, const Value& constant, const PrintOptions& options) {
  out += fmt::format("  {} = constant {} ", value_ref(&constant), format_type(constant.type()));
  append_data(out, constant.constant(), options);
  out += '\n';
}

void print_node(std::string& out, const Node& node) {
  std::vector<std::string> results;
  std::vector<std::string> types;
  for (const Value* output : node.outputs()) {
    results.push_back(value_ref(output));
    types.push_back(output ? format_type(output->type()) : "?");
  }
  std::vector<std::string> operands;
  for (const Value* input : node.inputs()) operands.push_back(value_ref(input));
  out += "  ";
  if (!results.empty()) out += fmt::format("{} = ", fmt::join(results, ", "));
  out += fmt::format("{}({}){}", op_name(node.op()), fmt::join(operands, ", "), format_attrs(node.attrs()));
  if (!types.empty()) out += fmt::format(" : {}", fmt::join(types, ", "));
  if (!node.name().empty() || !node.source_op().empty()) {
    out += fmt::format(" loc({}, {})", quote(node.name()), quote(node.source_op()));
  }
  out += '\n';
}

}  // namespace

std::string print_graph(const Graph& graph, const PrintOptions& options) {
  std::vector<std::string> params;
  for (const Value* input : graph.inputs()) params.push_back(value_ref(input) + ": " + format_type(input->type()));
  std::vector<std::string> results;
  for (const Value* output : graph.outputs()) results.push_back(value_ref(output));

  std::string out = fmt::format("graph @{}({}) -> ({}) {{\n", name_text(graph.name), fmt::join(params, ", "),
                                fmt::join(results, ", "));
  for (const Value* constant : graph.constants()) print_constant(out, *constant, options);
  for (const Node* node : graph.nodes()) print_node(out, *node);
  out += results.empty() ? "  return\n" : fmt::format("  return {}\n", fmt::join(results, ", "));
  out += "}\n";
  return out;
}

}  // namespace ingot
