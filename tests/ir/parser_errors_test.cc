// Malformed text gives a clean invalid-input error that names the line and
// column — never a crash or a hang.
#include <random>

#include <gtest/gtest.h>

#include "ir/parser.h"
#include "ir/printer.h"

namespace ingot {
namespace {

struct BadText {
  const char* label;
  std::string text;
  int line;
  const char* message;  // a part of the expected message
};

// A valid header and a one-line body, to keep the cases short.
std::string body(const std::string& statements, const std::string& outputs = "%y") {
  return "graph @main(%x: f32[2]) -> (" + outputs + ") {\n" + statements + "  return " + outputs + "\n}\n";
}

const std::vector<BadText>& cases() {
  static const std::vector<BadText> all = {
      {"empty input", "", 1, "expected 'graph', found end of input"},
      {"garbage", "\x01\xff garbage", 1, "unexpected byte 0x01"},
      {"not a graph", "func @main() -> () {}", 1, "expected 'graph'"},
      {"no name", "graph main() -> () {}", 1, "expected the graph name"},
      {"truncated header", "graph @main(%x: f32[2", 1, "expected ',' or ']', found end of input"},
      {"truncated body", "graph @main(%x: f32[2]) -> (%x) {\n  %y = relu(%x)", 2, "expected ':' and the result types"},
      {"no return", "graph @main(%x: f32[2]) -> (%x) {\n}\n", 2, "expected a statement or 'return', found '}'"},
      {"trailing text", "graph @main() -> () {\n  return\n}\n}", 4, "expected end of input after the graph"},
      {"unknown dtype", "graph @main(%x: f33[2]) -> () {\n  return\n}", 1, "unknown dtype 'f33'"},
      {"huge integer", "graph @main(%x: f32[99999999999999999999]) -> () {\n  return\n}", 1, "out of range"},
      {"huge shape", "graph @main(%x: f32[1048576,1048576,2]) -> () {\n  return\n}", 1, "more than 2^40 elements"},
      {"negative dim", "graph @main(%x: f32[2,-1]) -> () {\n  return\n}", 1, "negative dimension -1"},
      {"bad number", "graph @main(%x: f32[2x]) -> () {\n  return\n}", 1, "malformed number '2x'"},
      {"empty value name", "graph @main(%\"\": f32[2]) -> () {\n  return\n}", 1, "must not be empty"},
      {"bare percent", "graph @main(% x: f32[2]) -> () {\n  return\n}", 1, "a name must follow '%'"},
      {"duplicate input", "graph @main(%x: f32[2], %x: f32[2]) -> () {\n  return\n}", 1, "value %x is defined twice"},
      {"unknown op", body("  %y = frobnicate(%x) : f32[2]\n"), 2, "unknown op 'frobnicate'"},
      {"undefined operand", body("  %y = add(%x, %w) : f32[2]\n"), 2, "value %w is not defined"},
      {"use before definition", body("  %y = add(%x, %z) : f32[2]\n  %z = relu(%x) : f32[2]\n"), 2,
       "value %z is not defined"},
      {"duplicate result", body("  %y = relu(%x) : f32[2]\n  %y = relu(%x) : f32[2]\n"), 3, "value %y is defined twice"},
      {"same name twice in one node", body("  %y, %y = unmapped(%x) {reason = \"\", source_op = \"s\"} : f32[2], f32[2]\n"),
       2, "value %y is defined twice"},
      {"wrong type count", body("  %y = relu(%x) : f32[2], f32[2]\n"), 2, "defines 1 values but lists 2 types"},
      {"unknown attribute", body("  %y = relu(%x) {alpha = 1.0} : f32[2]\n"), 2, "op 'relu' has no attribute 'alpha'"},
      {"string for a float", body("  %y = leaky_relu(%x) {alpha = \"big\"} : f32[2]\n"), 2,
       "expected a value for 'alpha' of type float"},
      {"float for an int", body("  %y = isinf(%x) {detect_negative = 1.5} : bool[2]\n", "%y"), 2,
       "of type int, found '1.5'"},
      {"list for a float", body("  %y = leaky_relu(%x) {alpha = []} : f32[2]\n"), 2, "of type float, found '['"},
      {"duplicate attribute", body("  %y = leaky_relu(%x) {alpha = 1.0, alpha = 2.0} : f32[2]\n"), 2,
       "attribute 'alpha' is given twice"},
      {"float out of range", body("  %y = leaky_relu(%x) {alpha = 1e999} : f32[2]\n"), 2, "out of range for a double"},
      {"missing required attribute", body("  %y = leaky_relu(%x) : f32[2]\n"), 2, "attribute 'alpha' is required"},
      {"shape rule disagrees", body("  %y = relu(%x) : f32[3]\n"), 2, "output 'y' is f32[3] but the shape rule gives f32[2]"},
      {"missing operand", body("  %y = add(%x, _) : f32[2]\n"), 2, "operand 'b' is missing"},
      {"too many operands", body("  %y = relu(%x, %x) : f32[2]\n"), 2, "takes 1 operands, got 2"},
      {"unterminated string", body("  %y = cast(%x) {to = \"f16} : f16[2]\n"), 2, "unterminated string"},
      {"bad escape", body("  %y = cast(%x) {to = \"f\\q16\"} : f16[2]\n"), 2, "unknown escape"},
      {"bad loc", body("  %y = relu(%x) : f32[2] loc(\"a\")\n"), 2, "expected ','"},
      {"odd hex", body("  %w = constant f32[1] dense<\"0x0000803\">\n  %y = add(%x, %w) : f32[2]\n"), 2,
       "odd number of hex digits"},
      {"byte count", body("  %w = constant f32[2] dense<\"0x0000803F\">\n  %y = add(%x, %w) : f32[2]\n"), 2,
       "holds 4 bytes, its type needs 8"},
      {"not hex", body("  %w = constant f32[1] dense<\"0x0000803G\">\n  %y = add(%x, %w) : f32[2]\n"), 2,
       "non-hex character at offset 9"},
      {"no 0x", body("  %w = constant f32[1] dense<\"0000803F\">\n  %y = add(%x, %w) : f32[2]\n"), 2,
       "must be a hex string"},
      {"elided", body("  %w = constant f32[64] elided<256 bytes>\n  %y = add(%x, %w) : f32[2]\n"), 2,
       "constant %w was elided"},
      {"two constant results", body("  %w, %v = constant f32[1] dense<\"0x0000803F\">\n  %y = relu(%x) : f32[2]\n"), 2,
       "a constant defines exactly one value"},
      {"undefined output", "graph @main(%x: f32[2]) -> (%nope) {\n  return %nope\n}", 2, "value %nope is not defined"},
      {"return mismatch", "graph @main(%x: f32[2]) -> (%x) {\n  %y = relu(%x) : f32[2]\n  return %y\n}", 3,
       "return lists (%y) but the graph header lists (%x)"},
      {"quantization incomplete", "graph @main(%x: i8[2]{q: axis = 0, scale = [1.0]}) -> () {\n  return\n}", 1,
       "needs both scale and zero_point"},
      {"quantization unknown field", "graph @main(%x: i8[2]{q: bits = 4}) -> () {\n  return\n}", 1,
       "unknown quantization field 'bits'"},
      {"minus word", "graph @main(%x: f32[-x]) -> () {\n  return\n}", 1, "malformed number '-x'"},
  };
  return all;
}

TEST(ParserErrors, EachNamesTheLineAndWhatIsWrong) {
  for (const BadText& bad : cases()) {
    Result<Graph> parsed = parse_graph(bad.text);
    ASSERT_FALSE(parsed.ok()) << bad.label;
    const Status& status = parsed.status();
    EXPECT_EQ(status.kind(), ErrorKind::invalid_input) << bad.label;
    std::string line = "line " + std::to_string(bad.line) + ", column ";
    EXPECT_EQ(status.message().rfind(line, 0), 0u) << bad.label << ": " << status.message();
    EXPECT_NE(status.message().find(bad.message), std::string::npos) << bad.label << ": " << status.message();
  }
}

TEST(ParserErrors, ColumnsPointAtTheToken) {
  Result<Graph> parsed = parse_graph("graph @main(%x: f32[2]) -> (%y) {\n  %y = add(%x, %w) : f32[2]\n  return %y\n}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "line 2, column 16: value %w is not defined");
}

// A valid graph with every construct, to be cut and mangled below.
std::string valid_text() {
  return "graph @\"m/1\"(%x: f32[2], %q: i8[2]{q: axis = 0, scale = [0.5], zero_point = [0]}) -> (%y, %u1) {\n"
         "  %w = constant f32[2] dense<\"0x0000803F00000040\">\n"
         "  %s = add(%x, %w) : f32[2] loc(\"Add\", \"onnx:Add\")\n"
         "  %y = leaky_relu(%s) {alpha = 0.1} : f32[2]\n"
         "  %u0, %u1 = unmapped(%x, _, %q) {reason = \"r\", source_op = \"onnx:X\"} : f32[2], i64[3]\n"
         "  return %y, %u1\n"
         "}\n";
}

TEST(ParserErrors, TheValidTextParses) {
  Result<Graph> parsed = parse_graph(valid_text());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(print_graph(*parsed), valid_text());
}

TEST(ParserErrors, EveryTruncationFailsCleanly) {
  const std::string text = valid_text();
  // The text minus its final newline still parses; every shorter cut fails.
  for (size_t length = 0; length + 1 < text.size(); ++length) {
    Result<Graph> parsed = parse_graph(std::string_view(text).substr(0, length));
    ASSERT_FALSE(parsed.ok()) << "prefix of " << length << " bytes parsed";
    EXPECT_EQ(parsed.status().message().rfind("line ", 0), 0u) << parsed.status().message();
  }
}

TEST(ParserErrors, RandomMutationsNeverCrash) {
  const std::string text = valid_text();
  static const char kAlphabet[] = "%@\"\\_()[]{}<>,=:-.0123456789eEx fq\n\x00\xff";
  const std::string alphabet(kAlphabet, sizeof(kAlphabet) - 1);
  std::mt19937 random(1234);
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = text;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % mutated.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: mutated[at] = c; break;
        case 1: mutated.insert(mutated.begin() + static_cast<long>(at), c); break;
        default: mutated.erase(at, 1 + random() % 8); break;
      }
    }
    Result<Graph> parsed = parse_graph(mutated);
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().kind(), ErrorKind::invalid_input);
      EXPECT_EQ(parsed.status().message().rfind("line ", 0), 0u) << parsed.status().message();
    } else {
      // Whatever parses prints and parses back to the same text.
      std::string printed = print_graph(*parsed);
      Result<Graph> again = parse_graph(printed);
      ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << printed;
      EXPECT_EQ(print_graph(*again), printed);
    }
  }
}

}  // namespace
}  // namespace ingot
