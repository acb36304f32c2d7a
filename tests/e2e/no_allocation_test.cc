// The runtime's promise: Executor::run() allocates nothing. Every operator
// new in this binary is counted (and, outside sanitizer builds, every
// malloc, calloc and realloc too); the count must not move during run().
//
// Models: the testdata model, ONNX backend node tests covering many kernels,
// models built here, and any extra models named in INGOT_NO_ALLOCATION_MODELS
// (colon-separated .onnx paths; scripts/zoo_no_allocation.sh passes the zoo).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "compiler/compile.h"
#include "ingot/runtime.h"
#include "ingot/thread_pool.h"
#include "tests/e2e/counting_new.h"
#include "tests/importers/onnx_model_builder.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void on_allocation(std::size_t) { ++allocations; }

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INGOT_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define INGOT_SANITIZED 1
#endif
#ifndef INGOT_SANITIZED
// glibc's own allocator under the public names: C allocations count too.
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* malloc(size_t size) {
  ++allocations;
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  ++allocations;
  return __libc_calloc(count, size);
}
void* realloc(void* p, size_t size) {
  ++allocations;
  return __libc_realloc(p, size);
}
}
#endif

namespace ingot {
namespace {

using ingot::testing::OnnxModelBuilder;
using ingot::testing::TempDir;

// Compiles the model, loads and initialises it, then counts allocations over
// three runs. -1 when it does not compile (the caller decides if that is fine).
// With `ran_ok`, a run may fail (and reports whether it did not); else it must succeed.
// `optimized`: compiled for this CPU (--target host) and run on a pool of two
// threads, so that the optimized kernels and their parallel_for are counted.
long allocations_in_run(const std::string& model, std::string* error, bool* ran_ok = nullptr, bool optimized = false) {
  TempDir dir;
  CompileOptions options;
  if (optimized) options.target = "host";
  Result<CompileSummary> compiled = compile_model(model, (dir / "bundle").string(), options);
  if (!compiled.ok()) {
    *error = compiled.status().message();
    return -1;
  }
  std::ifstream in(dir / "bundle" / "model.ingot", std::ios::binary | std::ios::ate);
  const auto size = static_cast<size_t>(in.tellg());
  auto* file = static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, (size + 63) / 64 * 64));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(file), static_cast<std::streamsize>(size));

  rt::Program program;
  rt::Status status = rt::Program::load(file, size, optimized ? rt::builtin_kernels() : rt::portable_kernels(), &program);
  EXPECT_TRUE(status.ok()) << status.message;
  auto* arena = static_cast<uint8_t*>(std::aligned_alloc(rt::kAlignment, (program.arena_size() + 64) / 64 * 64));
  std::memset(arena, 0, program.arena_size());
  std::optional<rt::ThreadPool> pool;
  if (optimized) pool.emplace(2);
  rt::Executor executor;
  EXPECT_TRUE(executor.init(program, arena, program.arena_size(), pool ? &*pool : nullptr).ok());
  const long before = allocations.load();
  EXPECT_GT(before, 0) << "the counting operator new is not in use";
  // Nothing between the two counts may allocate (not even a failed
  // expectation's message): the statuses are checked after.
  rt::Status runs[3];
  for (rt::Status& run : runs) {
    // The plan may reuse an input's bytes once it is read: inputs are
    // written before every run, as a caller does.
    for (size_t i = 0; i < program.num_inputs(); ++i) std::memset(executor.input(i).data, 0, executor.input(i).bytes);
    run = executor.run();
  }
  const long during = allocations.load() - before;
  if (ran_ok != nullptr) *ran_ok = runs[0].ok();
  for (const rt::Status& run : runs) {
    // A kernel may refuse the zero inputs (a scale of 0, k of 0): that error
    // path must not allocate either, but only models built here must run.
    if (ran_ok == nullptr) {
      EXPECT_TRUE(run.ok()) << model << ": " << run.message;
    }
  }
  std::free(arena);
  std::free(file);
  return during;
}

TEST(NoAllocation, RunOfTheTestdataModelAllocatesNothing) {
  std::string error;
  const std::string model = std::string(INGOT_SOURCE_DIR) + "/testdata/tiny_cnn.onnx";
  EXPECT_EQ(allocations_in_run(model, &error), 0) << error;
  EXPECT_EQ(allocations_in_run(model, &error, nullptr, /*optimized=*/true), 0) << "optimized, 2 threads: " << error;
}

// Backend node tests, one per kernel family and then some.
const char* const kNodeTests[] = {
    "test_gather_0", "test_scatter_elements_with_axis", "test_top_k", "test_resize_upsample_scales_nearest",
    "test_resize_downsample_scales_linear", "test_constant_pad", "test_gathernd_example_int32",
    "test_onehot_with_axis", "test_cumsum_1d", "test_conv_with_strides_padding", "test_layer_normalization_2d_axis0",
    "test_softmax_axis_1", "test_tile", "test_expand_dim_changed", "test_slice", "test_split_equal_parts_1d",
    "test_where_example", "test_argmax_default_axis_example", "test_gridsample", "test_depthtospace_example",
    "test_tril", "test_reduce_mean_default_axes_keepdims_example", "test_reduce_log_sum_exp_default_axes_keepdims_example",
    "test_maxpool_2d_pads", "test_averagepool_2d_pads", "test_convtranspose", "test_batchnorm_example",
    "test_instancenorm_example", "test_lrn", "test_matmul_2d", "test_gemm_all_attributes", "test_cast_FLOAT_to_DOUBLE",
    "test_quantizelinear", "test_dequantizelinear", "test_scatternd", "test_transpose_default",
    "test_concat_2d_axis_0", "test_reshape_reordered_all_dims", "test_lstm_defaults", "test_gru_defaults",
    "test_rnn_seq_length", "test_einsum_batch_matmul", "test_globalaveragepool", "test_globalmaxpool",
    "test_mod_int64_fmod", "test_mul_bcast", "test_div", "test_clip", "test_hardswish", "test_pow",
    "test_logsoftmax_axis_1", "test_reduce_max_do_not_keepdims_example", "test_argmin_keepdims_example",
    "test_prelu_broadcast", "test_shrink_hard", "test_sign", "test_spacetodepth_example", "test_gather_elements_0",
    "test_bitshift_right_uint8", "test_isnan", "test_equal", "test_and2d", "test_not_2d", "test_erf",
    "test_qlinearmatmul_2D_uint8_float32", "test_qlinearconv", "test_selu", "test_elu", "test_softplus",
    "test_trilu_upper", "test_range_int32_type_negative_delta", "test_lpnormalization_default"};

TEST(NoAllocation, RunOfBackendNodeTestsAllocatesNothing) {
  int checked = 0, completed = 0;
  for (const char* test : kNodeTests) {
    const std::string model = std::string("/usr/share/libonnx-testdata/data/node/") + test + "/model.onnx";
    if (!std::filesystem::exists(model)) continue;
    std::string error;
    bool ran_ok = false;
    const long count = allocations_in_run(model, &error, &ran_ok);
    if (count < 0) continue;  // refused cleanly: not this test's concern
    EXPECT_EQ(count, 0) << test << ": run() allocated" << (ran_ok ? "" : " (on its error path)");
    ++checked;
    completed += ran_ok ? 1 : 0;
  }
  EXPECT_GE(checked, 50) << "too few node tests compiled; is libonnx-testdata installed?";
  EXPECT_GE(completed, 40) << "too few node tests ran to the end on zero inputs";
}

// Deterministic float weights.
void weights(OnnxModelBuilder& model, const std::string& name, std::vector<int64_t> dims) {
  int64_t count = 1;
  for (int64_t d : dims) count *= d;
  std::string bytes(static_cast<size_t>(count) * sizeof(float), '\0');
  for (int64_t i = 0; i < count; ++i) {
    const float value = static_cast<float>((i * 37) % 17) / 17.0f - 0.5f;
    std::memcpy(bytes.data() + i * sizeof(float), &value, sizeof(float));
  }
  model.initializer(name, dims, onnx::TensorProto::FLOAT).set_raw_data(bytes);
}

void int64s(OnnxModelBuilder& model, const std::string& name, std::vector<int64_t> values) {
  onnx::TensorProto& t = model.initializer(name, {static_cast<int64_t>(values.size())}, onnx::TensorProto::INT64);
  for (int64_t v : values) t.add_int64_data(v);
}

TEST(NoAllocation, RunOfAConvNetAllocatesNothing) {
  // Conv, BatchNorm, Relu, Conv (Winograd), MaxPool, AveragePool, Concat, GlobalAveragePool, Flatten, Gemm, Softmax.
  OnnxModelBuilder model;
  model.input("x", {1, 3, 16, 16}).output("y", {1, 10});
  weights(model, "w1", {8, 3, 3, 3});
  weights(model, "b1", {8});
  for (const char* p : {"scale", "bias", "mean"}) weights(model, p, {8});
  onnx::TensorProto& var = model.initializer("var", {8}, onnx::TensorProto::FLOAT);
  for (int i = 0; i < 8; ++i) var.add_float_data(1.0f + i);
  weights(model, "fc", {10, 16});
  weights(model, "fcb", {10});
  auto& conv = model.node("Conv", {"x", "w1", "b1"}, {"c"}, "conv");
  auto* pads = conv.add_attribute();
  pads->set_name("pads");
  pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  model.node("BatchNormalization", {"c", "scale", "bias", "mean", "var"}, {"bn"}, "bn");
  model.node("Relu", {"bn"}, {"r"}, "relu");
  // 8 -> 8 channels 3x3 on 16x16: conv.winograd where optimized (its scratch is on the stack).
  weights(model, "w2", {8, 8, 3, 3});
  auto& conv2 = model.node("Conv", {"r", "w2"}, {"r2"}, "conv2");
  auto* pads2 = conv2.add_attribute();
  pads2->set_name("pads");
  pads2->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads2->add_ints(1);
  for (const char* op : {"MaxPool", "AveragePool"}) {
    auto& pool = model.node(op, {"r2"}, {std::string(op) + "_out"}, op);
    auto* kernel = pool.add_attribute();
    kernel->set_name("kernel_shape");
    kernel->set_type(onnx::AttributeProto::INTS);
    kernel->add_ints(2);
    kernel->add_ints(2);
    auto* strides = pool.add_attribute();
    strides->set_name("strides");
    strides->set_type(onnx::AttributeProto::INTS);
    strides->add_ints(2);
    strides->add_ints(2);
  }
  auto& concat = model.node("Concat", {"MaxPool_out", "AveragePool_out"}, {"cat"}, "concat");
  auto* axis = concat.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  model.node("GlobalAveragePool", {"cat"}, {"g"}, "gap");
  model.node("Flatten", {"g"}, {"f"}, "flatten");
  auto& gemm = model.node("Gemm", {"f", "fc", "fcb"}, {"logits"}, "gemm");
  auto* trans = gemm.add_attribute();
  trans->set_name("transB");
  trans->set_type(onnx::AttributeProto::INT);
  trans->set_i(1);
  model.node("Softmax", {"logits"}, {"y"}, "softmax");
  TempDir dir;
  std::string error;
  const std::string path = model.save(dir / "model.onnx");
  EXPECT_EQ(allocations_in_run(path, &error), 0) << error;
  EXPECT_EQ(allocations_in_run(path, &error, nullptr, /*optimized=*/true), 0) << "optimized, 2 threads: " << error;
}

TEST(NoAllocation, RunOfAnAttentionBlockAllocatesNothing) {
  // LayerNormalization, MatMul, Add, Reshape, Transpose, Softmax, Mul, Erf (GELU), Gather, Slice, ReduceMean.
  OnnxModelBuilder model(17);
  model.input("x", {1, 6, 16}).input("ids", {1, 6}, onnx::TensorProto::INT64).output("y", {1, 6, 1});
  weights(model, "emb", {32, 16});
  weights(model, "gamma", {16});
  weights(model, "beta", {16});
  for (const char* w : {"wq", "wk", "wv", "wo"}) weights(model, w, {16, 16});
  int64s(model, "heads", {1, 6, 2, 8});
  int64s(model, "merged", {1, 6, 16});
  int64s(model, "starts", {0});
  int64s(model, "ends", {8});
  int64s(model, "axes", {2});
  onnx::TensorProto& half = model.initializer("half", {}, onnx::TensorProto::FLOAT);
  half.add_float_data(0.5f);
  model.node("Gather", {"emb", "ids"}, {"e"}, "embed");
  model.node("Add", {"x", "e"}, {"h"}, "residual_in");
  model.node("LayerNormalization", {"h", "gamma", "beta"}, {"n"}, "ln");
  auto ints_attr = [](onnx::NodeProto& node, const char* name, std::vector<int64_t> values) {
    auto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values) a->add_ints(v);
  };
  for (const char* p : {"q", "k", "v"}) {
    model.node("MatMul", {"n", std::string("w") + p}, {std::string(p) + "0"}, std::string(p) + "_proj");
    model.node("Reshape", {std::string(p) + "0", "heads"}, {std::string(p) + "1"}, std::string(p) + "_split");
    ints_attr(model.node("Transpose", {std::string(p) + "1"}, {std::string(p) + "2"}, std::string(p) + "_t"), "perm",
              std::string(p) == "k" ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 2, 1, 3});
  }
  model.node("MatMul", {"q2", "k2"}, {"s"}, "scores");
  model.node("Softmax", {"s"}, {"p"}, "softmax");
  model.node("MatMul", {"p", "v2"}, {"a"}, "attend");
  ints_attr(model.node("Transpose", {"a"}, {"a1"}, "merge_t"), "perm", {0, 2, 1, 3});
  model.node("Reshape", {"a1", "merged"}, {"a2"}, "merge");
  model.node("MatMul", {"a2", "wo"}, {"o"}, "out_proj");
  model.node("Mul", {"o", "half"}, {"o1"}, "gelu_half");
  model.node("Erf", {"o1"}, {"o2"}, "gelu_erf");
  model.node("Add", {"o", "o2"}, {"o3"}, "gelu_add");
  model.node("Slice", {"o3", "starts", "ends", "axes"}, {"sl"}, "slice");
  ints_attr(model.node("ReduceMean", {"sl"}, {"y"}, "mean"), "axes", {2});
  TempDir dir;
  std::string error;
  const std::string path = model.save(dir / "model.onnx");
  EXPECT_EQ(allocations_in_run(path, &error), 0) << error;
  EXPECT_EQ(allocations_in_run(path, &error, nullptr, /*optimized=*/true), 0) << "optimized, 2 threads: " << error;
}

TEST(NoAllocation, RunOfExtraModelsAllocatesNothing) {
  const char* list = std::getenv("INGOT_NO_ALLOCATION_MODELS");
  if (list == nullptr || *list == '\0') GTEST_SKIP() << "INGOT_NO_ALLOCATION_MODELS is not set";
  std::stringstream paths(list);
  std::string model;
  while (std::getline(paths, model, ':')) {
    if (model.empty()) continue;
    for (bool optimized : {false, true}) {
      const char* how = optimized ? "optimized, 2 threads" : "portable";
      std::string error;
      const long count = allocations_in_run(model, &error, nullptr, optimized);
      EXPECT_GE(count, 0) << model << " does not compile (" << how << "): " << error;
      EXPECT_EQ(std::max(count, 0L), 0) << model << " (" << how << "): run() allocated";
      std::printf("%s (%s): %ld allocations in 3 runs\n", model.c_str(), how, count);
    }
  }
}

}  // namespace
}  // namespace ingot
