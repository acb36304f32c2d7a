// The text form round-trips: print -> parse -> print gives the same bytes and
// the same graph structure (tests for malformed text: parser_errors_test.cc).
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "ir/op_table.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "tests/ir/rule_test_util.h"

namespace ingot {
namespace {

using rule_test::f32;

template <typename T>
ConstantData bytes_of(const std::vector<T>& values) {
  auto data = std::make_shared<std::vector<uint8_t>>(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(data->data(), values.data(), data->size());
  return data;
}

// Doubles compare by bits, so that nan == nan and -0.0 != 0.0.
bool same_attr(const Attribute& a, const Attribute& b) {
  if (a.index() != b.index()) return false;
  if (const double* x = std::get_if<double>(&a)) return std::bit_cast<uint64_t>(*x) == std::bit_cast<uint64_t>(std::get<double>(b));
  if (const auto* xs = std::get_if<std::vector<double>>(&a)) {
    const auto& ys = std::get<std::vector<double>>(b);
    if (xs->size() != ys.size()) return false;
    for (size_t i = 0; i < xs->size(); ++i) {
      if (std::bit_cast<uint64_t>((*xs)[i]) != std::bit_cast<uint64_t>(ys[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::string name_or_absent(const Value* value) { return value ? value->name() : "<absent>"; }

void expect_same_value(const Value* a, const Value* b) {
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->name(), b->name());
  EXPECT_EQ(a->type(), b->type()) << a->name();
}

void expect_same_graph(const Graph& a, const Graph& b) {
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.inputs().size(), b.inputs().size());
  for (size_t i = 0; i < a.inputs().size(); ++i) expect_same_value(a.inputs()[i], b.inputs()[i]);
  ASSERT_EQ(a.constants().size(), b.constants().size());
  for (size_t i = 0; i < a.constants().size(); ++i) {
    expect_same_value(a.constants()[i], b.constants()[i]);
    EXPECT_EQ(*a.constants()[i]->constant(), *b.constants()[i]->constant()) << a.constants()[i]->name();
  }
  ASSERT_EQ(a.num_nodes(), b.num_nodes());
  for (size_t n = 0; n < a.num_nodes(); ++n) {
    const Node& x = *a.nodes()[n];
    const Node& y = *b.nodes()[n];
    EXPECT_EQ(x.op(), y.op());
    EXPECT_EQ(x.name(), y.name());
    EXPECT_EQ(x.source_op(), y.source_op());
    ASSERT_EQ(x.inputs().size(), y.inputs().size()) << x.name();
    for (size_t i = 0; i < x.inputs().size(); ++i) EXPECT_EQ(name_or_absent(x.input(i)), name_or_absent(y.input(i)));
    ASSERT_EQ(x.outputs().size(), y.outputs().size()) << x.name();
    for (size_t i = 0; i < x.outputs().size(); ++i) expect_same_value(x.output(i), y.output(i));
    ASSERT_EQ(x.attrs().size(), y.attrs().size()) << x.name();
    for (const auto& [key, value] : x.attrs()) {
      auto it = y.attrs().find(key);
      ASSERT_NE(it, y.attrs().end()) << key;
      EXPECT_TRUE(same_attr(value, it->second)) << x.name() << "." << key;
    }
  }
  ASSERT_EQ(a.outputs().size(), b.outputs().size());
  for (size_t i = 0; i < a.outputs().size(); ++i) EXPECT_EQ(a.outputs()[i]->name(), b.outputs()[i]->name());
}

// Prints, parses, prints again: same text, same structure. Returns the text.
std::string round_trip(const Graph& graph) {
  EXPECT_TRUE(verify(graph).ok()) << verify(graph).message();
  std::string text = print_graph(graph);
  Result<Graph> parsed = parse_graph(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message() << "\n" << text;
  if (!parsed.ok()) return text;
  EXPECT_EQ(print_graph(*parsed), text);
  expect_same_graph(graph, *parsed);
  return text;
}

Node* add_node(Graph& g, OpKind op, std::vector<Value*> inputs, AttrMap attrs, std::vector<std::string> names,
               std::vector<TensorType> types, std::string node_name = "", std::string source = "") {
  return g.add_node({op, std::move(inputs), std::move(attrs), std::move(node_name), std::move(source)},
                    std::move(names), std::move(types));
}

TEST(TextRoundTrip, SmallGraphPrintsAsDocumented) {
  Graph g;
  Value* x = g.add_input("x", f32({2, 3}));
  Value* w = g.add_constant("w", f32({3}), bytes_of<float>({1.0f, 0.5f, -2.0f}));
  Node* sum = add_node(g, OpKind::add, {x, w}, {}, {"0"}, {f32({2, 3})}, "Add_0", "onnx:Add");
  Node* act = add_node(g, OpKind::leaky_relu, {sum->output(0)}, {{"alpha", 0.1}}, {"y"}, {f32({2, 3})});
  g.add_output(act->output(0));
  EXPECT_EQ(round_trip(g),
            "graph @main(%x: f32[2,3]) -> (%y) {\n"
            "  %w = constant f32[3] dense<\"0x0000803F0000003F000000C0\">\n"
            "  %0 = add(%x, %w) : f32[2,3] loc(\"Add_0\", \"onnx:Add\")\n"
            "  %y = leaky_relu(%0) {alpha = 0.1} : f32[2,3]\n"
            "  return %y\n"
            "}\n");
}

TEST(TextRoundTrip, ConstantsOfEveryByteLayout) {
  Graph g;
  g.name = "consts";
  Value* h = g.add_constant("half", {DType::f16, {3}, std::nullopt}, bytes_of<uint16_t>({0x3C00, 0x8000, 0x7E00}));
  Value* l = g.add_constant("long", {DType::i64, {2}, std::nullopt}, bytes_of<int64_t>({-1, int64_t{1} << 62}));
  Value* b = g.add_constant("flags", {DType::boolean, {2, 2}, std::nullopt}, bytes_of<uint8_t>({1, 0, 0, 1}));
  Value* s = g.add_constant("scalar", f32({}), bytes_of<float>({std::numeric_limits<float>::infinity()}));
  Value* e = g.add_constant("empty", f32({0, 4}), bytes_of<float>({}));
  for (Value* v : {h, l, b, s, e}) g.add_output(v);
  std::string text = round_trip(g);
  EXPECT_NE(text.find("%half = constant f16[3] dense<\"0x003C0080007E\">"), std::string::npos) << text;
  EXPECT_NE(text.find("%long = constant i64[2] dense<\"0xFFFFFFFFFFFFFFFF0000000000000040\">"), std::string::npos);
  EXPECT_NE(text.find("%flags = constant bool[2,2] dense<\"0x01000001\">"), std::string::npos);
  EXPECT_NE(text.find("%scalar = constant f32[] dense<\"0x0000807F\">"), std::string::npos);
  EXPECT_NE(text.find("%empty = constant f32[0,4] dense<\"0x\">"), std::string::npos);
  EXPECT_NE(text.find("graph @consts() -> (%half, %long, %flags, %scalar, %empty) {"), std::string::npos);
}

TEST(TextRoundTrip, NamesThatNeedQuotes) {
  Graph g;
  g.name = "my model/v2";
  Value* x = g.add_input("input:0", f32({4}));
  Value* y = g.add_input("a \"quoted\" \\ name", f32({4}));
  Node* sum = add_node(g, OpKind::add, {x, y}, {}, {"/layer.1/Add_output_0"}, {f32({4})}, "line\nbreak\x01", "onnx:Add");
  Node* r = add_node(g, OpKind::relu, {sum->output(0)}, {}, {"ok_name.2"}, {f32({4})}, "", "onnx:Relu");
  g.add_output(r->output(0));
  g.add_output(x);  // an input can be an output too
  std::string text = round_trip(g);
  EXPECT_NE(text.find("graph @\"my model/v2\"(%\"input:0\": f32[4], %\"a \\\"quoted\\\" \\\\ name\": f32[4])"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("%\"/layer.1/Add_output_0\" = add("), std::string::npos) << text;
  EXPECT_NE(text.find("loc(\"line\\nbreak\\x01\", \"onnx:Add\")"), std::string::npos) << text;
  EXPECT_NE(text.find("%ok_name.2 = relu(%\"/layer.1/Add_output_0\") : f32[4] loc(\"\", \"onnx:Relu\")"),
            std::string::npos)
      << text;
}

TEST(TextRoundTrip, FloatAttributesKeepEveryBit) {
  const double values[] = {0.1, 1e-30, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
                           1.0, -0.0, 5e-324, 1.7976931348623157e308, 100.0, static_cast<double>(0.1f)};
  for (double alpha : values) {
    Graph g;
    Value* x = g.add_input("x", f32({2}));
    Node* node = add_node(g, OpKind::leaky_relu, {x}, {{"alpha", alpha}}, {"y"}, {f32({2})});
    g.add_output(node->output(0));
    round_trip(g);
  }
  Graph g;
  Value* x = g.add_input("x", f32({2}));
  Node* clip = add_node(g, OpKind::clip, {x}, {{"min", -std::numeric_limits<double>::infinity()}, {"max", 6.0}}, {"c"},
                        {f32({2})});
  Node* hs = add_node(g, OpKind::hard_sigmoid, {clip->output(0)},
                      {{"alpha", std::numeric_limits<double>::quiet_NaN()}, {"beta", 1e-05}}, {"h"}, {f32({2})});
  g.add_output(hs->output(0));
  std::string text = round_trip(g);
  EXPECT_NE(text.find("clip(%x) {max = 6.0, min = -inf}"), std::string::npos) << text;
  EXPECT_NE(text.find("{alpha = nan, beta = 1e-05}"), std::string::npos) << text;
}

TEST(TextRoundTrip, QuantizedTypes) {
  Graph g;
  TensorType per_tensor{DType::i8, {4}, Quantization{{0.5}, {0}, 0}};
  TensorType per_channel{DType::u8, {2, 3}, Quantization{{0.1, 1e-30}, {128, 3}, 0}};
  TensorType other_axis{DType::i8, {2, 3}, Quantization{{0.25, 0.125, 3.0}, {-1, 0, 1}, 1}};
  Value* a = g.add_input("a", per_tensor);
  Value* b = g.add_input("b", per_channel);
  Value* c = g.add_constant("c", other_axis, bytes_of<int8_t>({1, 2, 3, -4, -5, -6}));
  Node* r = add_node(g, OpKind::relu, {a}, {}, {"r"}, {per_tensor});
  g.add_output(r->output(0));
  g.add_output(b);
  g.add_output(c);
  std::string text = round_trip(g);
  EXPECT_NE(text.find("%a: i8[4]{q: axis = 0, scale = [0.5], zero_point = [0]}"), std::string::npos) << text;
  EXPECT_NE(text.find("u8[2,3]{q: axis = 0, scale = [0.1, 1e-30], zero_point = [128, 3]}"), std::string::npos);
  EXPECT_NE(text.find("i8[2,3]{q: axis = 1, scale = [0.25, 0.125, 3.0], zero_point = [-1, 0, 1]}"),
            std::string::npos);
}

TEST(TextRoundTrip, MultiOutputOptionalOperandsAndStrings) {
  Graph g;
  Value* x = g.add_input("x", f32({2, 2}));
  Value* cond = g.add_input("cond", {DType::boolean, {2, 2}, std::nullopt});
  Node* foreign = add_node(g, OpKind::unmapped, {x, nullptr, cond, nullptr},
                           {{"source_op", std::string("onnx:Weird")}, {"reason", std::string("a \"quoted\"\treason")}},
                           {"u0", "u1"}, {f32({2, 2}), {DType::i64, {3}, std::nullopt}}, "Weird_7", "onnx:Weird");
  Node* sel = add_node(g, OpKind::where, {cond, foreign->output(0), x}, {}, {"sel"}, {f32({2, 2})});
  Node* inf = add_node(g, OpKind::isinf, {sel->output(0)}, {{"detect_negative", int64_t{0}}, {"detect_positive", int64_t{1}}},
                       {"inf"}, {{DType::boolean, {2, 2}, std::nullopt}});
  Node* cast = add_node(g, OpKind::cast, {inf->output(0)}, {{"to", std::string("f16")}}, {"half"},
                        {{DType::f16, {2, 2}, std::nullopt}});
  // A node with no operands.
  Node* source = add_node(g, OpKind::unmapped, {}, {{"source_op", std::string("onnx:RandomNormal")}, {"reason", std::string("r")}},
                          {"rand"}, {f32({1})});
  g.add_output(cast->output(0));
  g.add_output(foreign->output(1));
  g.add_output(source->output(0));
  std::string text = round_trip(g);
  EXPECT_NE(text.find("%u0, %u1 = unmapped(%x, _, %cond, _) {reason = \"a \\\"quoted\\\"\\treason\", "
                      "source_op = \"onnx:Weird\"} : f32[2,2], i64[3] loc(\"Weird_7\", \"onnx:Weird\")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("%rand = unmapped() {"), std::string::npos) << text;
  EXPECT_NE(text.find("{detect_negative = 0, detect_positive = 1}"), std::string::npos) << text;
}

TEST(TextRoundTrip, NodeWithoutResults) {
  // An unmapped op declares its outputs; it may declare none (a print op).
  Graph g;
  Value* x = g.add_input("x", f32({2}));
  add_node(g, OpKind::unmapped, {x}, {{"source_op", std::string("onnx:Print")}, {"reason", std::string("")}}, {}, {});
  EXPECT_EQ(round_trip(g),
            "graph @main(%x: f32[2]) -> () {\n"
            "  unmapped(%x) {reason = \"\", source_op = \"onnx:Print\"}\n"
            "  return\n"
            "}\n");
}

TEST(TextRoundTrip, GraphWithoutOutputs) {
  Graph g;
  g.add_input("x", f32({1}));
  EXPECT_EQ(round_trip(g), "graph @main(%x: f32[1]) -> () {\n  return\n}\n");
}

TEST(TextRoundTrip, PrintingIsDeterministic) {
  auto build = [] {
    Graph g;
    Value* x = g.add_input("x", f32({3}));
    Node* n = add_node(g, OpKind::clip, {x}, {{"min", 0.0}, {"max", 6.0}}, {"y"}, {f32({3})}, "Clip", "onnx:Clip");
    g.add_output(n->output(0));
    return g;
  };
  EXPECT_EQ(print_graph(build()), print_graph(build()));
}

TEST(TextRoundTrip, ElidingLargeConstantsOnlyWhenAsked) {
  Graph g;
  Value* small = g.add_constant("small", f32({2}), bytes_of<float>({1, 2}));
  Value* big = g.add_constant("big", f32({64}), bytes_of<float>(std::vector<float>(64, 1.0f)));
  g.add_output(small);
  g.add_output(big);
  std::string elided = print_graph(g, {.elide_large_constants = true, .elide_above_bytes = 8});
  EXPECT_NE(elided.find("%small = constant f32[2] dense<\"0x0000803F00000040\">"), std::string::npos) << elided;
  EXPECT_NE(elided.find("%big = constant f32[64] elided<256 bytes>"), std::string::npos) << elided;
  Result<Graph> parsed = parse_graph(elided);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("line 3"), std::string::npos) << parsed.status().message();
  EXPECT_NE(parsed.status().message().find("elided"), std::string::npos);
  EXPECT_EQ(print_graph(g).find("elided"), std::string::npos);
  round_trip(g);
}

TEST(TextRoundTrip, ListAttributesWhenTheLayoutFamilyIsWritten) {
  // Only the op table types an attribute; transpose's `perm` is an int list.
  const OpInfo& info = op_info(OpKind::transpose);
  const AttrSpec* perm = info.find_attr("perm");
  if (info.infer == nullptr || perm == nullptr || perm->type != AttrType::i64s) GTEST_SKIP() << "transpose not written yet";
  Graph g;
  Value* x = g.add_input("x", f32({2, 3, 4}));
  Node* t = add_node(g, OpKind::transpose, {x}, {{"perm", std::vector<int64_t>{2, 0, 1}}}, {"t"}, {f32({4, 2, 3})});
  g.add_output(t->output(0));
  std::string text = round_trip(g);
  EXPECT_NE(text.find("{perm = [2, 0, 1]}"), std::string::npos) << text;
}

TEST(TextRoundTrip, ListsPrintInTheDocumentedForm) {
  // Printing needs no verification, so list formatting is checked on any op.
  Graph g;
  Value* x = g.add_input("x", f32({1}));
  add_node(g, OpKind::unmapped, {x},
           {{"ints", std::vector<int64_t>{1, -2}}, {"floats", std::vector<double>{0.5, 1.0, -1e-07}},
            {"none", std::vector<int64_t>{}}, {"bad name", int64_t{3}}},
           {"y"}, {f32({1})});
  std::string text = print_graph(g);
  EXPECT_NE(text.find("{\"bad name\" = 3, floats = [0.5, 1.0, -1e-07], ints = [1, -2], none = []}"), std::string::npos)
      << text;
}

TEST(TextRoundTrip, HandWrittenTextIsAccepted) {
  // Comments, free spacing, an int where the op table wants a float, and
  // quantization fields in any order.
  const char* text = R"(// a comment
graph @main(%x: i8[2]{q: zero_point = [0], scale = [1]},
            %f: f32[2]) -> (%y, %z) {
  %y = leaky_relu(%f) {alpha = 1} : f32[2]   // alpha is a float
  %z=relu(%x):i8[2]
  return %y, %z
})";
  Result<Graph> parsed = parse_graph(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->nodes()[0]->attrs().at("alpha"), Attribute(1.0));
  EXPECT_EQ(parsed->inputs()[0]->type().quant, (Quantization{{1.0}, {0}, 0}));
  EXPECT_EQ(parsed->outputs()[1]->name(), "z");
}

TEST(TextRoundTrip, TheExampleInTheDocsParses) {
  std::ifstream file(std::string(INGOT_SOURCE_DIR) + "/docs/ir-text.md");
  ASSERT_TRUE(file) << "docs/ir-text.md not found";
  std::stringstream doc;
  doc << file.rdbuf();
  std::string text = doc.str();
  size_t begin = text.find("```\ngraph @");
  ASSERT_NE(begin, std::string::npos);
  begin += 4;
  std::string example = text.substr(begin, text.find("```", begin) - begin);
  // The elided constant is there to show the form; such text does not parse.
  size_t elided = example.find("  %big = constant");
  ASSERT_NE(elided, std::string::npos);
  EXPECT_FALSE(parse_graph(example).ok());
  example.erase(elided, example.find('\n', elided) - elided + 1);
  Result<Graph> parsed = parse_graph(example);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(print_graph(*parsed), example);
}

}  // namespace
}  // namespace ingot
