// Pass tests as text (tests/passes/cases/*.ir, format in text_cases.h): the
// passes must print exactly the expected IR.
#include <gtest/gtest.h>

#include "ir/printer.h"
#include "tests/passes/text_cases.h"

namespace ingot::testing {
namespace {

class PassTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(PassTextTest, PrintsExpectedIr) {
  const TextCase& test = GetParam();
  Result<Graph> graph = parse_graph(test.input);
  ASSERT_TRUE(graph.ok()) << test.name << ": input: " << graph.status().message();
  Result<std::vector<PassRecord>> ran = run_case_passes(test, *graph);
  ASSERT_TRUE(ran.ok()) << test.name << ": " << ran.status().message();
  const std::string printed = print_graph(*graph);
  EXPECT_EQ(printed, strip_comments(test.expected)) << test.name << ": the passes print\n" << printed;
  // The expected text is itself valid IR.
  EXPECT_TRUE(parse_graph(test.expected).ok()) << test.name << ": the expected IR does not parse";
}

INSTANTIATE_TEST_SUITE_P(Cases, PassTextTest, ::testing::ValuesIn(all_cases()), case_test_name);

}  // namespace
}  // namespace ingot::testing
