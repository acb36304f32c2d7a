// Reads the text form of docs/ir-text.md back into a Graph. A recursive-descent
// parser over ir/text_lexer.h with one token of lookahead; nothing recurses
// on input nesting, every loop consumes a token, and every number goes through
// std::from_chars with its range checked, so no input crashes or hangs it.
// The graph is built through Graph's public API; each node is checked by the
// verifier as soon as it is built, so that its errors name its line.
#include "ir/parser.h"

#include <charconv>
#include <unordered_set>

#include <fmt/format.h>

#include "ir/op_table.h"
#include "ir/text_lexer.h"
#include "ir/verifier.h"

namespace ingot {
namespace {

using text::Tok;
using text::Token;

class Parser {
 public:
  explicit Parser(std::string_view input) : lexer_(input) { advance(); }
  Result<Graph> parse();

 private:
  void advance() { tok_ = lexer_.next(); }
  bool at(Tok kind) const { return tok_.kind == kind; }
  bool at_word(std::string_view word) const { return tok_.kind == Tok::word && tok_.text == word; }
  // Consumes the token when it is `kind`.
  bool accept(Tok kind) {
    if (!at(kind)) return false;
    advance();
    return true;
  }
  Status error_at(const Token& token, std::string_view message) const {
    return Status::invalid(fmt::format("line {}, column {}: {}", token.line, token.column, message));
  }
  Status unexpected(std::string_view expected) const {
    if (at(Tok::error)) return error_at(tok_, tok_.text);
    return error_at(tok_, fmt::format("expected {}, found {}", expected, text::describe(tok_)));
  }
  Status expect(Tok kind, std::string_view what) { return accept(kind) ? Status() : unexpected(what); }
  Status expect_word(std::string_view word) {
    if (!at_word(word)) return unexpected(fmt::format("'{}'", word));
    advance();
    return {};
  }

  Result<int64_t> parse_int();
  Result<double> parse_number();
  Result<std::string> parse_string();
  Result<std::vector<int64_t>> parse_int_list();
  Result<std::vector<double>> parse_number_list();
  Result<TensorType> parse_type();
  Status parse_quantization(TensorType& type);
  Result<Value*> parse_operand();
  Status check_new_name(const Token& name, const std::unordered_set<std::string>& same_statement) const;

  Status parse_header();
  Status parse_statement();
  Status parse_constant(const Token& result);
  Status parse_node(const std::vector<Token>& results);
  Result<AttrMap> parse_attrs(const OpInfo& info);
  Result<Attribute> parse_attr_value(const AttrSpec& spec);
  Status parse_return();

  text::Lexer lexer_;
  Token tok_;
  Graph graph_;
  std::vector<Token> header_outputs_;
};

Result<int64_t> Parser::parse_int() {
  if (!at(Tok::integer)) return unexpected("an integer");
  int64_t value = 0;
  const std::string& s = tok_.text;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return error_at(tok_, fmt::format("integer {} is out of range", s));
  advance();
  return value;
}

// An integer or a float, as a double (ints are coerced where a float is due).
Result<double> Parser::parse_number() {
  if (!at(Tok::integer) && !at(Tok::real)) return unexpected("a number");
  double value = 0;
  const std::string& s = tok_.text;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return error_at(tok_, fmt::format("number {} is out of range for a double", s));
  }
  advance();
  return value;
}

Result<std::string> Parser::parse_string() {
  if (!at(Tok::string)) return unexpected("a string");
  std::string value = std::move(tok_.text);
  advance();
  return value;
}

Result<std::vector<int64_t>> Parser::parse_int_list() {
  INGOT_RETURN_IF_ERROR(expect(Tok::lbracket, "'['"));
  std::vector<int64_t> values;
  while (!accept(Tok::rbracket)) {
    if (!values.empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or ']'"));
    INGOT_ASSIGN_OR_RETURN(int64_t value, parse_int());
    values.push_back(value);
  }
  return values;
}

Result<std::vector<double>> Parser::parse_number_list() {
  INGOT_RETURN_IF_ERROR(expect(Tok::lbracket, "'['"));
  std::vector<double> values;
  while (!accept(Tok::rbracket)) {
    if (!values.empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or ']'"));
    INGOT_ASSIGN_OR_RETURN(double value, parse_number());
    values.push_back(value);
  }
  return values;
}

// dtype[d0,d1,...] with an optional {q: ...} suffix.
Result<TensorType> Parser::parse_type() {
  Token start = tok_;
  if (!at(Tok::word)) return unexpected("a type such as f32[1,3]");
  std::optional<DType> dtype = parse_dtype(tok_.text);
  if (!dtype) return error_at(tok_, fmt::format("unknown dtype '{}'", tok_.text));
  advance();
  TensorType type;
  type.dtype = *dtype;
  INGOT_ASSIGN_OR_RETURN(type.shape, parse_int_list());
  Status shape_ok = checked_num_elements(type.shape).status();
  if (!shape_ok.ok()) return error_at(start, shape_ok.message());
  if (at(Tok::lbrace)) INGOT_RETURN_IF_ERROR(parse_quantization(type));
  return type;
}

// {q: axis = A, scale = [...], zero_point = [...]}; fields in any order,
// axis defaults to 0.
Status Parser::parse_quantization(TensorType& type) {
  Token brace = tok_;
  advance();
  INGOT_RETURN_IF_ERROR(expect_word("q"));
  INGOT_RETURN_IF_ERROR(expect(Tok::colon, "':'"));
  Quantization quant;
  bool seen_axis = false, seen_scale = false, seen_zero = false;
  while (!accept(Tok::rbrace)) {
    if (seen_axis || seen_scale || seen_zero) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or '}'"));
    Token field = tok_;
    if (!at(Tok::word)) return unexpected("axis, scale or zero_point");
    advance();
    INGOT_RETURN_IF_ERROR(expect(Tok::equal, "'='"));
    bool* seen = field.text == "axis" ? &seen_axis : field.text == "scale" ? &seen_scale
                                                   : field.text == "zero_point" ? &seen_zero : nullptr;
    if (seen == nullptr) return error_at(field, fmt::format("unknown quantization field '{}'", field.text));
    if (*seen) return error_at(field, fmt::format("quantization field '{}' is given twice", field.text));
    *seen = true;
    if (field.text == "axis") {
      INGOT_ASSIGN_OR_RETURN(quant.axis, parse_int());
    } else if (field.text == "scale") {
      INGOT_ASSIGN_OR_RETURN(quant.scale, parse_number_list());
    } else {
      INGOT_ASSIGN_OR_RETURN(quant.zero_point, parse_int_list());
    }
  }
  if (!seen_scale || !seen_zero) return error_at(brace, "a quantization needs both scale and zero_point");
  type.quant = std::move(quant);
  return {};
}

Result<Value*> Parser::parse_operand() {
  if (at_word("_")) {
    advance();
    return static_cast<Value*>(nullptr);
  }
  if (!at(Tok::value)) return unexpected("a value such as %x, or _ for an absent operand");
  Value* value = graph_.find_value(tok_.text);
  if (value == nullptr) return error_at(tok_, fmt::format("value {} is not defined", text::describe(tok_)));
  advance();
  return value;
}

Status Parser::check_new_name(const Token& name, const std::unordered_set<std::string>& same_statement) const {
  if (graph_.find_value(name.text) != nullptr || same_statement.contains(name.text)) {
    return error_at(name, fmt::format("value {} is defined twice", text::describe(name)));
  }
  return {};
}

// graph @name(%x: type, ...) -> (%y, ...) {
Status Parser::parse_header() {
  INGOT_RETURN_IF_ERROR(expect_word("graph"));
  if (!at(Tok::global)) return unexpected("the graph name, such as @main");
  graph_.name = tok_.text;
  advance();
  INGOT_RETURN_IF_ERROR(expect(Tok::lparen, "'('"));
  while (!accept(Tok::rparen)) {
    if (!graph_.inputs().empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or ')'"));
    Token name = tok_;
    if (!at(Tok::value)) return unexpected("an input such as %x: f32[1]");
    INGOT_RETURN_IF_ERROR(check_new_name(name, {}));
    advance();
    INGOT_RETURN_IF_ERROR(expect(Tok::colon, "':'"));
    INGOT_ASSIGN_OR_RETURN(TensorType type, parse_type());
    graph_.add_input(name.text, std::move(type));
  }
  INGOT_RETURN_IF_ERROR(expect(Tok::arrow, "'->'"));
  INGOT_RETURN_IF_ERROR(expect(Tok::lparen, "'('"));
  while (!accept(Tok::rparen)) {
    if (!header_outputs_.empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or ')'"));
    if (!at(Tok::value)) return unexpected("an output such as %y");
    header_outputs_.push_back(tok_);
    advance();
  }
  return expect(Tok::lbrace, "'{'");
}

// %a, %b = op(...) ... | %c = constant ... | op(...) ... (a node without results)
Status Parser::parse_statement() {
  std::vector<Token> results;
  if (at(Tok::value)) {
    std::unordered_set<std::string> names;
    while (true) {
      if (!at(Tok::value)) return unexpected("a value name");
      INGOT_RETURN_IF_ERROR(check_new_name(tok_, names));
      names.insert(tok_.text);
      results.push_back(tok_);
      advance();
      if (!accept(Tok::comma)) break;
    }
    INGOT_RETURN_IF_ERROR(expect(Tok::equal, "',' or '='"));
    if (at_word("constant")) {
      if (results.size() != 1) return error_at(results[1], "a constant defines exactly one value");
      advance();
      return parse_constant(results[0]);
    }
  }
  return parse_node(results);
}

// constant type dense<"0x..."> ; the bytes must fill the type exactly.
Status Parser::parse_constant(const Token& result) {
  INGOT_ASSIGN_OR_RETURN(TensorType type, parse_type());
  if (at_word("elided")) {
    return error_at(tok_, fmt::format("the data of constant {} was elided by the printer; print the graph without "
                                      "elide_large_constants to get text that parses",
                                      text::describe(result)));
  }
  INGOT_RETURN_IF_ERROR(expect_word("dense"));
  INGOT_RETURN_IF_ERROR(expect(Tok::langle, "'<'"));
  Token data_token{Tok::string, "", tok_.line, tok_.column};  // not a copy of the (large) data
  INGOT_ASSIGN_OR_RETURN(std::string hex, parse_string());
  if (hex.size() < 2 || hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X')) {
    return error_at(data_token, "constant data must be a hex string such as \"0x0000803F\"");
  }
  std::string_view digits = std::string_view(hex).substr(2);
  if (digits.size() % 2 != 0) return error_at(data_token, "constant data has an odd number of hex digits");
  const auto expected = static_cast<uint64_t>(byte_size(type));
  if (digits.size() / 2 != expected) {
    return error_at(data_token, fmt::format("constant {} holds {} bytes, its type needs {}", text::describe(result),
                                            digits.size() / 2, expected));
  }
  auto bytes = std::make_shared<std::vector<uint8_t>>();
  size_t bad = text::decode_hex(digits, *bytes);
  if (bad != std::string_view::npos) {
    return error_at(data_token, fmt::format("constant data has a non-hex character at offset {}", 2 + bad));
  }
  INGOT_RETURN_IF_ERROR(expect(Tok::rangle, "'>'"));
  graph_.add_constant(result.text, std::move(type), std::move(bytes));
  return {};
}

// op(operands) {attrs} : types loc("name", "source")
Status Parser::parse_node(const std::vector<Token>& results) {
  Token op_token = tok_;
  if (!at(Tok::word)) return unexpected(results.empty() ? "a statement or 'return'" : "an op name or 'constant'");
  std::optional<OpKind> kind = parse_op_name(tok_.text);
  if (!kind) return error_at(tok_, fmt::format("unknown op '{}'", tok_.text));
  advance();
  NodeSpec spec{*kind, {}, {}, "", ""};
  INGOT_RETURN_IF_ERROR(expect(Tok::lparen, "'('"));
  while (!accept(Tok::rparen)) {
    if (!spec.inputs.empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or ')'"));
    INGOT_ASSIGN_OR_RETURN(Value* operand, parse_operand());
    spec.inputs.push_back(operand);
  }
  if (at(Tok::lbrace)) {
    INGOT_ASSIGN_OR_RETURN(spec.attrs, parse_attrs(op_info(*kind)));
  }
  std::vector<TensorType> types;
  if (at(Tok::colon)) {
    Token colon = tok_;
    advance();
    do {
      INGOT_ASSIGN_OR_RETURN(TensorType type, parse_type());
      types.push_back(std::move(type));
    } while (accept(Tok::comma));
    if (types.size() != results.size()) {
      return error_at(colon, fmt::format("the node defines {} values but lists {} types", results.size(), types.size()));
    }
  } else if (!results.empty()) {
    return unexpected("':' and the result types");
  }
  if (at_word("loc")) {
    advance();
    INGOT_RETURN_IF_ERROR(expect(Tok::lparen, "'('"));
    INGOT_ASSIGN_OR_RETURN(spec.name, parse_string());
    INGOT_RETURN_IF_ERROR(expect(Tok::comma, "','"));
    INGOT_ASSIGN_OR_RETURN(spec.source_op, parse_string());
    INGOT_RETURN_IF_ERROR(expect(Tok::rparen, "')'"));
  }
  std::vector<std::string> names;
  for (const Token& result : results) names.push_back(result.text);
  Node* node = graph_.add_node(std::move(spec), std::move(names), std::move(types));
  Status verified = verify_node(*node);
  if (!verified.ok()) return error_at(results.empty() ? op_token : results[0], verified.message());
  return {};
}

// {name = value, ...}; each name must be an attribute of the op, and the op
// table's type decides how the value reads (so `alpha = 1` is a float and
// `[]` has a type).
Result<AttrMap> Parser::parse_attrs(const OpInfo& info) {
  advance();  // '{'
  AttrMap attrs;
  while (!accept(Tok::rbrace)) {
    if (!attrs.empty()) INGOT_RETURN_IF_ERROR(expect(Tok::comma, "',' or '}'"));
    Token name = tok_;
    if (!at(Tok::word) && !at(Tok::string)) return unexpected("an attribute name");
    const AttrSpec* spec = info.find_attr(name.text);
    if (spec == nullptr) return error_at(name, fmt::format("op '{}' has no attribute '{}'", info.name(), name.text));
    if (attrs.contains(name.text)) return error_at(name, fmt::format("attribute '{}' is given twice", name.text));
    advance();
    INGOT_RETURN_IF_ERROR(expect(Tok::equal, "'='"));
    INGOT_ASSIGN_OR_RETURN(Attribute value, parse_attr_value(*spec));
    attrs.emplace(name.text, std::move(value));
  }
  return attrs;
}

Result<Attribute> Parser::parse_attr_value(const AttrSpec& spec) {
  // A value of the wrong kind gets a message that names the expected type.
  const bool is_list = spec.type == AttrType::i64s || spec.type == AttrType::f64s;
  if (is_list != at(Tok::lbracket) || (spec.type == AttrType::str) != at(Tok::string) ||
      (spec.type == AttrType::i64 && !at(Tok::integer)) ||
      (spec.type == AttrType::f64 && !at(Tok::integer) && !at(Tok::real))) {
    return unexpected(fmt::format("a value for '{}' of type {}", spec.name, attr_type_name(spec.type)));
  }
  switch (spec.type) {
    case AttrType::i64: {
      INGOT_ASSIGN_OR_RETURN(int64_t value, parse_int());
      return Attribute(value);
    }
    case AttrType::f64: {
      INGOT_ASSIGN_OR_RETURN(double value, parse_number());
      return Attribute(value);
    }
    case AttrType::str: {
      INGOT_ASSIGN_OR_RETURN(std::string value, parse_string());
      return Attribute(std::move(value));
    }
    case AttrType::i64s: {
      INGOT_ASSIGN_OR_RETURN(std::vector<int64_t> values, parse_int_list());
      return Attribute(std::move(values));
    }
    case AttrType::f64s: {
      INGOT_ASSIGN_OR_RETURN(std::vector<double> values, parse_number_list());
      return Attribute(std::move(values));
    }
  }
  return unexpected("an attribute value");
}

// return %a, %b — must repeat the header's outputs.
Status Parser::parse_return() {
  Token keyword = tok_;
  advance();
  std::vector<Token> returned;
  std::vector<Value*> outputs;
  if (at(Tok::value)) {
    do {
      returned.push_back(tok_);
      INGOT_ASSIGN_OR_RETURN(Value* value, parse_operand());
      outputs.push_back(value);
    } while (accept(Tok::comma));
  }
  bool same = returned.size() == header_outputs_.size();
  for (size_t i = 0; same && i < returned.size(); ++i) same = returned[i].text == header_outputs_[i].text;
  if (!same) {
    auto list = [](const std::vector<Token>& tokens) {
      std::vector<std::string> parts;
      for (const Token& token : tokens) parts.push_back(text::describe(token));
      return fmt::format("({})", fmt::join(parts, ", "));
    };
    return error_at(keyword, fmt::format("return lists {} but the graph header lists {}", list(returned),
                                         list(header_outputs_)));
  }
  graph_.set_outputs(std::move(outputs));
  return {};
}

Result<Graph> Parser::parse() {
  Token start = tok_;
  INGOT_RETURN_IF_ERROR(parse_header());
  while (!at_word("return")) INGOT_RETURN_IF_ERROR(parse_statement());
  INGOT_RETURN_IF_ERROR(parse_return());
  INGOT_RETURN_IF_ERROR(expect(Tok::rbrace, "'}' after return"));
  if (!at(Tok::end)) return unexpected("end of input after the graph");
  // Every node was verified when built; this catches what spans the graph.
  Status verified = verify(graph_);
  if (!verified.ok()) return error_at(start, verified.message());
  return std::move(graph_);
}

}  // namespace

Result<Graph> parse_graph(std::string_view text) { return Parser(text).parse(); }

}  // namespace ingot
