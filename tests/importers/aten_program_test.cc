// The serialized ExportedProgram: Python's JSON extensions, compact and
// verbose unions, schema versions, symbols, and malformed programs.
#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "importers/aten/program.h"

namespace ingot::aten {
namespace {

using ::testing::HasSubstr;

Json parse(const std::string& text) {
  Result<Json> json = parse_json(text);
  EXPECT_TRUE(json.ok()) << json.status().message();
  return json.ok() ? *json : Json();
}

// A one-node program: y = relu(x), x : f32[s0, 4].
std::string program_text(const std::string& schema = R"({"major": 8, "minor": 2})",
                         const std::string& x_dim0 = R"J({"as_expr": {"expr_str": "Symbol('s0', positive=True, integer=True)", "hint": {"as_int": 3}}})J") {
  return R"({"graph_module": {"graph": {
      "inputs": [{"as_tensor": {"name": "x"}}],
      "outputs": [{"as_tensor": {"name": "relu"}}],
      "nodes": [{"target": "torch.ops.aten.relu.default",
                 "inputs": [{"name": "self", "arg": {"as_tensor": {"name": "x"}}}],
                 "outputs": [{"as_tensor": {"name": "relu"}}], "metadata": {}}],
      "tensor_values": {
        "x": {"dtype": 7, "sizes": [)" + x_dim0 + R"(, {"as_int": 4}], "requires_grad": false, "device": {"type": "cpu"},
              "strides": [{"as_int": 4}, {"as_int": 1}], "storage_offset": {"as_int": 0}, "layout": 7},
        "relu": {"dtype": 7, "sizes": [)" + x_dim0 + R"(, {"as_int": 4}], "requires_grad": false, "device": {"type": "cpu"},
              "strides": [{"as_int": 4}, {"as_int": 1}], "storage_offset": 0, "layout": 7}},
      "sym_int_values": {}, "sym_bool_values": {}},
    "signature": {"input_specs": [{"user_input": {"arg": {"as_tensor": {"name": "x"}}}}],
                  "output_specs": [{"user_output": {"arg": {"as_tensor": {"name": "relu"}}}}]},
    "module_call_graph": []},
  "opset_version": {"aten": 10},
  "range_constraints": {"s0": {"min_val": 2, "max_val": Infinity}},
  "schema_version": )" + schema + R"(, "torch_version": "2.6.0"})";
}

TEST(Json, PythonSpecialFloatsAreRead) {
  Json json = parse(R"({"a": Infinity, "b": -Infinity, "c": NaN, "d": "Infinity is a word"})");
  EXPECT_TRUE(std::isinf(*as_float(json["a"], "a")));
  EXPECT_LT(*as_float(json["b"], "b"), 0);
  EXPECT_TRUE(std::isnan(*as_float(json["c"], "c")));
  EXPECT_EQ(*as_string(json["d"], "d"), "Infinity is a word");
}

TEST(Json, DeepNestingAndBadTextAreRefused) {
  Result<Json> deep = parse_json(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_FALSE(deep.ok());
  EXPECT_THAT(deep.status().message(), HasSubstr("nested deeper than 256"));
  Result<Json> bad = parse_json(R"({"a": [1, 2)");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("malformed JSON"));
}

TEST(Json, UnionsCompactAndVerbose) {
  auto compact = union_field(parse(R"({"as_int": 0})"), "arg");
  ASSERT_TRUE(compact.ok());
  EXPECT_EQ(compact->first, "as_int");
  auto verbose = union_field(parse(R"({"as_none": null, "as_tensor": null, "as_int": 0, "as_ints": null})"), "arg");
  ASSERT_TRUE(verbose.ok());
  EXPECT_EQ(verbose->first, "as_int");
  auto none = union_field(parse(R"({"as_none": [], "as_int": null})"), "arg");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->first, "as_none");
  auto both = union_field(parse(R"({"as_int": 1, "as_float": 2.0})"), "arg");
  ASSERT_FALSE(both.ok());
  EXPECT_THAT(both.status().message(), HasSubstr("arg sets both 'as_float' and 'as_int'"));
  EXPECT_FALSE(union_field(parse("[1]"), "arg").ok());
}

TEST(Program, ReadsACompactProgram) {
  Result<Program> program = read_program(parse(program_text()));
  ASSERT_TRUE(program.ok()) << program.status().message();
  EXPECT_EQ(program->schema_major, 8);
  EXPECT_EQ(program->aten_opset, 10);
  ASSERT_EQ(program->nodes.size(), 1u);
  EXPECT_EQ(program->nodes[0].target, "torch.ops.aten.relu.default");
  const SymDim& dim = program->tensor_values.at("x").sizes[0];
  EXPECT_EQ(dim.kind, SymDim::Kind::symbol);
  EXPECT_EQ(dim.symbol, "s0");
  EXPECT_EQ(dim.hint, 3);
  EXPECT_EQ(program->range_constraints.at("s0").min, 2);
  EXPECT_FALSE(program->range_constraints.at("s0").max.has_value());
  EXPECT_EQ(program->input_specs[0].kind, InputSpec::Kind::user_input);
}

TEST(Program, ReadsTheTorch22Form) {
  // Integer schema version, verbose SymInt, a plain symbol name, null bounds.
  std::string text = program_text("2", R"({"as_expr": {"expr_str": "s0", "hint": null}, "as_int": null})");
  Result<Program> program = read_program(parse(text));
  ASSERT_TRUE(program.ok()) << program.status().message();
  EXPECT_EQ(program->schema_major, 2);
  EXPECT_EQ(program->tensor_values.at("x").sizes[0].symbol, "s0");
  EXPECT_FALSE(program->tensor_values.at("x").sizes[0].hint.has_value());
}

TEST(Program, ExpressionsAreKeptAsText) {
  Result<SymDim> dim = read_sym_dim(parse(R"J({"as_expr": {"expr_str": "Mul(Integer(2), Symbol('s0'))"}})J"), "dim");
  ASSERT_TRUE(dim.ok());
  EXPECT_EQ(dim->kind, SymDim::Kind::expression);
}

TEST(Program, NewerSchemaIsRefused) {
  Result<Program> program = read_program(parse(program_text(R"({"major": 9, "minor": 0})")));
  ASSERT_FALSE(program.ok());
  EXPECT_THAT(program.status().message(), HasSubstr("schema version 9.0 is not one ingot reads"));
}

TEST(Program, MalformedProgramsNameWhatIsWrong) {
  Json json = parse(program_text());
  json["graph_module"]["graph"]["nodes"][0].erase("target");
  EXPECT_THAT(read_program(json).status().message(), HasSubstr("node 0 has no 'target'"));
  json = parse(program_text());
  json["graph_module"]["graph"]["tensor_values"]["x"]["dtype"] = "float";
  EXPECT_THAT(read_program(json).status().message(), HasSubstr("tensor 'x' is a string, not an integer"));
  json = parse(program_text());
  json["graph_module"]["signature"]["input_specs"][0] = Json::parse(R"({"mystery": {}})");
  EXPECT_THAT(read_program(json).status().message(), HasSubstr("input spec 0 has the unknown kind 'mystery'"));
  json = parse(program_text());
  json["graph_module"]["graph"]["tensor_values"]["x"]["layout"] = 1;
  EXPECT_THAT(read_program(json).status().message(), HasSubstr("only strided tensors are supported"));
  EXPECT_FALSE(read_program(parse("[]")).ok());
}

}  // namespace
}  // namespace ingot::aten
