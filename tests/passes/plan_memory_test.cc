// plan-memory over graphs: aliasing, in-place writes and the lifetimes they
// must respect. The arena algorithms themselves are tested with hand-written
// lifetimes in arena_planner_test.cc.
#include <gtest/gtest.h>

#include "ir/parser.h"
#include "passes/plan_memory.h"

namespace ingot {
namespace {

Graph parse(const char* text) {
  Result<Graph> graph = parse_graph(text);
  EXPECT_TRUE(graph.ok()) << graph.status().message();
  return std::move(graph).value();
}

uint64_t offset(const MemoryPlan& plan, const Graph& graph, const char* name) {
  return plan.offsets.at(graph.find_value(name));
}

TEST(PlanMemory, ReshapeSharesItsOperandsSlot) {
  Graph g = parse(R"(graph @main(%x: f32[2,8]) -> (%y) {
    %a = relu(%x) : f32[2,8]
    %r = reshape(%a) {shape = [16]} : f32[16]
    %y = sigmoid(%r) : f32[16]
    return %y
  })");
  MemoryPlan plan = plan_memory(g);
  EXPECT_EQ(offset(plan, g, "r"), offset(plan, g, "a"));
}

TEST(PlanMemory, ElementwiseWritesOverAnOperandThatDiesThere) {
  Graph g = parse(R"(graph @main(%x: f32[16]) -> (%y) {
    %a = relu(%x) : f32[16]
    %b = sigmoid(%a) : f32[16]
    %y = tanh(%b) : f32[16]
    return %y
  })");
  MemoryPlan plan = plan_memory(g);
  // %a dies at sigmoid, %b at tanh: one slot for the chain after the input.
  EXPECT_EQ(offset(plan, g, "b"), offset(plan, g, "a"));
  EXPECT_EQ(offset(plan, g, "y"), offset(plan, g, "a"));
  // The graph input is the caller's data and is never overwritten.
  EXPECT_NE(offset(plan, g, "a"), offset(plan, g, "x"));
  EXPECT_EQ(plan.arena_size, 128u);
  EXPECT_EQ(plan.aliased, 2);
}

TEST(PlanMemory, NoInPlaceWriteOverAValueReadLater) {
  Graph g = parse(R"(graph @main(%x: f32[16]) -> (%y) {
    %a = relu(%x) : f32[16]
    %b = sigmoid(%a) : f32[16]
    %y = add(%a, %b) : f32[16]
    return %y
  })");
  MemoryPlan plan = plan_memory(g);
  EXPECT_NE(offset(plan, g, "b"), offset(plan, g, "a"));
  // add may write over either operand: both die there.
  const uint64_t y = offset(plan, g, "y");
  EXPECT_TRUE(y == offset(plan, g, "a") || y == offset(plan, g, "b"));
}

TEST(PlanMemory, NoInPlaceWriteWhenShapesDiffer) {
  Graph g = parse(R"(graph @main(%x: f32[1,4], %z: f32[4,1]) -> (%y) {
    %a = relu(%x) : f32[1,4]
    %y = add(%a, %z) : f32[4,4]
    return %y
  })");
  MemoryPlan plan = plan_memory(g);
  EXPECT_EQ(plan.aliased, 0);
}

TEST(PlanMemory, ReportsLowerBoundAndNaiveSize) {
  // Four 64-byte values in a chain with a skip: x, a, b live, then y.
  Graph g = parse(R"(graph @main(%x: f32[16]) -> (%y) {
    %a = exp(%x) : f32[16]
    %b = sigmoid(%x) : f32[16]
    %y = add(%a, %b) : f32[16]
    return %y
  })");
  MemoryPlan plan = plan_memory(g);
  EXPECT_EQ(plan.naive_size, 4u * 64);
  EXPECT_EQ(plan.lower_bound, 3u * 64);  // x, a and b are alive at sigmoid
  EXPECT_EQ(plan.arena_size, plan.lower_bound);
}

TEST(PlanMemory, OutputsAndInputsKeepTheirOwnBytes) {
  Graph g = parse(R"(graph @main(%x: f32[4,8]) -> (%y, %s) {
    %a = relu(%x) : f32[4,8]
    %t = transpose(%a) {perm = [1, 0]} : f32[8,4]
    %r = reshape(%t) {shape = [32]} : f32[32]
    %s = sigmoid(%r) : f32[32]
    %w = reshape(%x) {shape = [32]} : f32[32]
    %y = mul(%w, %s) : f32[32]
    return %y, %s
  })");
  MemoryPlan plan = plan_memory(g);
  // Outputs live to the end: %s and %y must not share bytes.
  EXPECT_NE(offset(plan, g, "s"), offset(plan, g, "y"));
  // %w aliases the input %x, which is never overwritten: %y gets its own slot.
  EXPECT_EQ(offset(plan, g, "w"), offset(plan, g, "x"));
  EXPECT_NE(offset(plan, g, "y"), offset(plan, g, "x"));
  EXPECT_LE(plan.arena_size, plan.naive_size);
  EXPECT_GE(plan.arena_size, plan.lower_bound);
}

}  // namespace
}  // namespace ingot
